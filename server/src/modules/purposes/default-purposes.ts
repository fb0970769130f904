export type LegalBasis = 'consent' | 'contract' | 'legal_obligation'

export type PurposeSeed = {
  code: string
  nameZh: string
  nameEn: string
  legalBasis: LegalBasis
  descriptionZh: string
  descriptionEn: string
  /** The highest field level the purpose reaches (default 3). */
  maxLevel?: 1 | 2 | 3
  /** Only these fields, if named. */
  fields?: string[]
}

/**
 * The purposes a reveal may name (ACC-2, S0 三级 第十条: 查询客户信息需明确查询目的).
 * Each rests on a legal basis (PIPL Art. 13): a consent that covers it, a
 * contract with the customer, or a legal obligation. Seeded by a migration;
 * `secadmin` and `compliance` maintain the list.
 */
export const DEFAULT_PURPOSES: readonly PurposeSeed[] = [
  {
    code: 'service',
    nameZh: '客户服务',
    nameEn: 'Customer service',
    legalBasis: 'contract',
    descriptionZh: '为客户办理业务、解答咨询。',
    descriptionEn: 'Serving the customer: transactions and enquiries.',
  },
  {
    code: 'contract',
    nameZh: '履行合同',
    nameEn: 'Contract performance',
    legalBasis: 'contract',
    descriptionZh: '订立或履行与客户的合同所必需。',
    descriptionEn: 'Needed to enter into or perform a contract with the customer.',
  },
  {
    code: 'complaint',
    nameZh: '投诉处理',
    nameEn: 'Complaint handling',
    legalBasis: 'legal_obligation',
    descriptionZh: '受理、调查和答复客户投诉。',
    descriptionEn: 'Receiving, investigating and answering a complaint.',
  },
  {
    code: 'legal',
    nameZh: '履行法定义务',
    nameEn: 'Legal obligation',
    legalBasis: 'legal_obligation',
    descriptionZh: '依法配合监管、司法机关的要求。',
    descriptionEn: 'Answering a regulator or a court as the law requires.',
  },
  {
    code: 'risk',
    nameZh: '风险控制',
    nameEn: 'Risk control',
    legalBasis: 'legal_obligation',
    descriptionZh: '反洗钱、反欺诈等风险防控。',
    descriptionEn: 'Anti-money-laundering and fraud prevention.',
  },
  {
    code: 'marketing',
    nameZh: '营销推广',
    nameEn: 'Marketing',
    legalBasis: 'consent',
    descriptionZh: '产品推介与营销活动，须取得客户同意。',
    descriptionEn: 'Offers and campaigns; needs the customer’s consent.',
  },
]

/**
 * Purposes only a consent can open (CON-2, CON-3), seeded by the consent
 * migration: marketing per channel — a marketing list for a channel holds
 * only customers who consented to it — and the separate consents PIPL asks
 * for: sensitive personal information (Art. 29), provision to a third party
 * (Art. 23, naming the recipient), public disclosure (Art. 25) and transfer
 * abroad (Art. 39, naming the recipient).
 */
export const CONSENT_PURPOSES: readonly PurposeSeed[] = [
  {
    code: 'marketing_sms',
    nameZh: '短信营销',
    nameEn: 'Marketing by SMS',
    legalBasis: 'consent',
    descriptionZh: '通过短信发送产品与活动信息。',
    descriptionEn: 'Offers and campaigns sent by SMS.',
    maxLevel: 1,
    fields: ['name', 'mobile'],
  },
  {
    code: 'marketing_email',
    nameZh: '邮件营销',
    nameEn: 'Marketing by email',
    legalBasis: 'consent',
    descriptionZh: '通过电子邮件发送产品与活动信息。',
    descriptionEn: 'Offers and campaigns sent by email.',
    maxLevel: 1,
    fields: ['name', 'email'],
  },
  {
    code: 'marketing_phone',
    nameZh: '电话营销',
    nameEn: 'Marketing by phone',
    legalBasis: 'consent',
    descriptionZh: '通过电话推介产品与活动。',
    descriptionEn: 'Offers and campaigns by phone call.',
    maxLevel: 1,
    fields: ['name', 'mobile', 'phone'],
  },
  {
    code: 'sensitive_processing',
    nameZh: '处理敏感个人信息',
    nameEn: 'Processing sensitive information',
    legalBasis: 'consent',
    descriptionZh: '对敏感个人信息的单独同意（个人信息保护法第二十九条）。',
    descriptionEn: 'Separate consent to process sensitive personal information (PIPL Art. 29).',
  },
  {
    code: 'third_party',
    nameZh: '向第三方提供',
    nameEn: 'Provision to a third party',
    legalBasis: 'consent',
    descriptionZh: '向指定的第三方提供个人信息的单独同意（第二十三条）。',
    descriptionEn: 'Separate consent to provide information to a named third party (PIPL Art. 23).',
  },
  {
    code: 'public_disclosure',
    nameZh: '公开',
    nameEn: 'Public disclosure',
    legalBasis: 'consent',
    descriptionZh: '公开个人信息的单独同意（第二十五条）。',
    descriptionEn: 'Separate consent to make information public (PIPL Art. 25).',
    maxLevel: 1,
  },
  {
    code: 'cross_border',
    nameZh: '向境外提供',
    nameEn: 'Transfer abroad',
    legalBasis: 'consent',
    descriptionZh: '向境外指定接收方提供个人信息的单独同意（第三十九条）。',
    descriptionEn:
      'Separate consent to transfer information to a named recipient abroad (PIPL Art. 39).',
  },
]

/** Consents that must name who receives the information. */
export const PURPOSES_WITH_RECIPIENT: ReadonlySet<string> = new Set(['third_party', 'cross_border'])
/** The separate consent that sensitive fields need on top of a consent-based purpose (PIPL Art. 29). */
export const SENSITIVE_CONSENT = 'sensitive_processing'

/** The levels the first purposes reach, set when purposes gained a scope (the rest reach level 3). */
export const SEEDED_PURPOSE_LEVELS: Record<string, 1 | 2 | 3> = { marketing: 1, complaint: 2 }
