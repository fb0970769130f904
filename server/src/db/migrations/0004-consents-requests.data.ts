/**
 * What 0004-consents-requests seeds: the PRC calendar of 2026 (holidays and
 * make-up working days, DSR-1) into `calendar_days`, the levels the first
 * purposes reach, and the purposes only a consent opens (CON-2, CON-3).
 *
 * Frozen with the migration that seeds it (docs/security.md, "Migrations"): this
 * is the data as released, not the live lists of the code; the migration's hash
 * test pins this file too. A later change is a new migration.
 */
// biome-ignore format: one day per line reads as the calendar it is
export const CALENDAR_DAYS = [
  { day: '2026-01-01', kind: 'holiday', name: '元旦' },
  { day: '2026-01-02', kind: 'holiday', name: '元旦' },
  { day: '2026-01-03', kind: 'holiday', name: '元旦' },
  { day: '2026-01-04', kind: 'workday', name: '元旦调休' },
  { day: '2026-02-14', kind: 'workday', name: '春节调休' },
  { day: '2026-02-15', kind: 'holiday', name: '春节' },
  { day: '2026-02-16', kind: 'holiday', name: '春节' },
  { day: '2026-02-17', kind: 'holiday', name: '春节' },
  { day: '2026-02-18', kind: 'holiday', name: '春节' },
  { day: '2026-02-19', kind: 'holiday', name: '春节' },
  { day: '2026-02-20', kind: 'holiday', name: '春节' },
  { day: '2026-02-21', kind: 'holiday', name: '春节' },
  { day: '2026-02-22', kind: 'holiday', name: '春节' },
  { day: '2026-02-23', kind: 'holiday', name: '春节' },
  { day: '2026-02-28', kind: 'workday', name: '春节调休' },
  { day: '2026-04-04', kind: 'holiday', name: '清明节' },
  { day: '2026-04-05', kind: 'holiday', name: '清明节' },
  { day: '2026-04-06', kind: 'holiday', name: '清明节' },
  { day: '2026-05-01', kind: 'holiday', name: '劳动节' },
  { day: '2026-05-02', kind: 'holiday', name: '劳动节' },
  { day: '2026-05-03', kind: 'holiday', name: '劳动节' },
  { day: '2026-05-04', kind: 'holiday', name: '劳动节' },
  { day: '2026-05-05', kind: 'holiday', name: '劳动节' },
  { day: '2026-05-09', kind: 'workday', name: '劳动节调休' },
  { day: '2026-06-19', kind: 'holiday', name: '端午节' },
  { day: '2026-06-20', kind: 'holiday', name: '端午节' },
  { day: '2026-06-21', kind: 'holiday', name: '端午节' },
  { day: '2026-09-20', kind: 'workday', name: '国庆节调休' },
  { day: '2026-09-25', kind: 'holiday', name: '中秋节' },
  { day: '2026-09-26', kind: 'holiday', name: '中秋节' },
  { day: '2026-09-27', kind: 'holiday', name: '中秋节' },
  { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-02', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-03', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-04', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-05', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-06', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-07', kind: 'holiday', name: '国庆节' },
  { day: '2026-10-10', kind: 'workday', name: '国庆节调休' },
] as const

/** The highest level each of the first purposes reaches (the others reach level 3). */
export const PURPOSE_LEVELS = { marketing: 1, complaint: 2 } as const

// biome-ignore format: one purpose per line reads as the table it is
export const CONSENT_PURPOSES = [
  { code: 'marketing_sms', name_zh: '短信营销', name_en: 'Marketing by SMS', legal_basis: 'consent', description_zh: '通过短信发送产品与活动信息。', description_en: 'Offers and campaigns sent by SMS.', max_level: 1, fields: ['name', 'mobile'] },
  { code: 'marketing_email', name_zh: '邮件营销', name_en: 'Marketing by email', legal_basis: 'consent', description_zh: '通过电子邮件发送产品与活动信息。', description_en: 'Offers and campaigns sent by email.', max_level: 1, fields: ['name', 'email'] },
  { code: 'marketing_phone', name_zh: '电话营销', name_en: 'Marketing by phone', legal_basis: 'consent', description_zh: '通过电话推介产品与活动。', description_en: 'Offers and campaigns by phone call.', max_level: 1, fields: ['name', 'mobile', 'phone'] },
  { code: 'sensitive_processing', name_zh: '处理敏感个人信息', name_en: 'Processing sensitive information', legal_basis: 'consent', description_zh: '对敏感个人信息的单独同意（个人信息保护法第二十九条）。', description_en: 'Separate consent to process sensitive personal information (PIPL Art. 29).', max_level: 3, fields: null },
  { code: 'third_party', name_zh: '向第三方提供', name_en: 'Provision to a third party', legal_basis: 'consent', description_zh: '向指定的第三方提供个人信息的单独同意（第二十三条）。', description_en: 'Separate consent to provide information to a named third party (PIPL Art. 23).', max_level: 3, fields: null },
  { code: 'public_disclosure', name_zh: '公开', name_en: 'Public disclosure', legal_basis: 'consent', description_zh: '公开个人信息的单独同意（第二十五条）。', description_en: 'Separate consent to make information public (PIPL Art. 25).', max_level: 1, fields: null },
  { code: 'cross_border', name_zh: '向境外提供', name_en: 'Transfer abroad', legal_basis: 'consent', description_zh: '向境外指定接收方提供个人信息的单独同意（第三十九条）。', description_en: 'Separate consent to transfer information to a named recipient abroad (PIPL Art. 39).', max_level: 3, fields: null },
] as const
