import type { Catalogue, CustomerKind } from '../catalogue/index.js'

/**
 * One row of a file as the body of a new customer, by the import's mapping
 * (issue 18, DQ-3): each mapped column's text to the field's shape — a
 * number, a list, a code from the words people write (男 → male, 重要 →
 * important) — and an empty cell left out. Nothing is checked here: the
 * body then meets every rule of an entry through the API (checkEntry).
 */
export type ColumnMapping = (string | null)[]

export type ImportDefaults = {
  kind: CustomerKind
  source?: string
}

/** Words for the codes of coded fields, as spreadsheets write them; a code itself is taken as it is. */
const CODE_WORDS: Record<string, Record<string, string>> = {
  kind: {
    个人: 'individual',
    自然人: 'individual',
    企业: 'organization',
    公司: 'organization',
    单位: 'organization',
    机构: 'organization',
  },
  gender: { 男: 'male', 女: 'female', m: 'male', f: 'female', 其他: 'other' },
  idType: {
    身份证: 'resident_id',
    居民身份证: 'resident_id',
    护照: 'passport',
    港澳居民来往内地通行证: 'hk_macao_permit',
    港澳通行证: 'hk_macao_permit',
    台湾居民来往大陆通行证: 'taiwan_permit',
    台胞证: 'taiwan_permit',
    外国人永久居留身份证: 'foreign_permanent_residence',
    其他: 'other',
  },
  grade: {
    重要: 'important',
    重要客户: 'important',
    一般: 'general',
    一般客户: 'general',
    普通: 'general',
  },
  trackingLevel: { a: 'A', b: 'B', c: 'C', a类: 'A', b类: 'B', c类: 'C' },
  tenure: { 新客户: 'new', 新: 'new', 老客户: 'returning', 回头客: 'returning', 忠实客户: 'loyal' },
  size: { 大型: 'large', 中型: 'medium', 小型: 'small', 微型: 'micro' },
  source: {
    网站: 'web_form',
    网站表单: 'web_form',
    客服: 'customer_service',
    电话: 'phone',
    来电: 'phone',
    调查: 'survey',
    问卷: 'survey',
    来访: 'visit',
    到访: 'visit',
    转介绍: 'referral',
    推荐: 'referral',
    第三方: 'third_party',
  },
}

const NUMBER_FIELDS = new Set(['income', 'assets'])
const LIST_FIELDS = new Set(['bankAccounts', 'bankCards'])

/** 12,000 · ￥1.5万 · 3000元: a number, or the text as it was (refused later as invalid). */
function asNumber(text: string): number | string {
  const plain = text.replace(/[,，\s￥¥元]/g, '')
  const tenThousands = plain.endsWith('万')
  const value = Number(tenThousands ? plain.slice(0, -1) : plain)
  if (plain === '' || !Number.isFinite(value)) return text
  return tenThousands ? Math.round(value * 10_000 * 100) / 100 : value
}

function asCode(field: string, text: string): string {
  const words = CODE_WORDS[field]
  return words?.[text.toLowerCase()] ?? words?.[text] ?? text
}

export function rowToEntry(
  cells: string[],
  mapping: ColumnMapping,
  defaults: ImportDefaults,
  catalogue: Catalogue,
): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: defaults.kind }
  if (defaults.source) body.source = defaults.source
  const customFields: Record<string, string> = {}
  mapping.forEach((field, column) => {
    const text = (cells[column] ?? '').trim()
    if (!field || text === '') return
    if (field === 'kind' || CODE_WORDS[field]) body[field] = asCode(field, text)
    else if (NUMBER_FIELDS.has(field)) body[field] = asNumber(text)
    else if (LIST_FIELDS.has(field))
      body[field] = text
        .split(/[;；,，、\n]+/)
        .map((part) => part.trim())
        .filter(Boolean)
    else if (catalogue.get(field)?.custom) customFields[field] = text
    else body[field] = text
  })
  if (Object.keys(customFields).length > 0) body.customFields = customFields
  return body
}
