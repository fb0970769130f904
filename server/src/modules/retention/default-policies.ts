export type RetentionBasis = 'legal' | 'business' | 'consented' | 'lead'
export type MeasuredFrom = 'created' | 'updated' | 'consent_withdrawn'
/** `leads`: registrations not (yet) converted — no tenure set; `all`: every customer. */
export type AppliesTo = 'all' | 'leads'

export type RetentionPolicy = {
  code: string
  nameZh: string
  nameEn: string
  basis: RetentionBasis
  appliesTo: AppliesTo
  measuredFrom: MeasuredFrom
  /** For `consent_withdrawn`: the purpose whose withdrawal starts the period. */
  purpose: string | null
  periodDays: number
}

/**
 * The retention periods Custodia starts with (RET-1, S2 第七条、第八条):
 * a registration that never becomes a customer is kept two months; a
 * customer's identity and records are kept five years after the last
 * change of the relationship (anti-money-laundering record keeping). They
 * are data afterwards: `compliance` changes them and adds others.
 */
export const DEFAULT_POLICIES: readonly RetentionPolicy[] = [
  {
    code: 'lead_validity',
    nameZh: '未转化登记信息有效期',
    nameEn: 'Validity of an unconverted registration',
    basis: 'lead',
    appliesTo: 'leads',
    measuredFrom: 'created',
    purpose: null,
    periodDays: 60,
  },
  {
    code: 'record_keeping',
    nameZh: '客户身份资料和交易记录保存期限',
    nameEn: 'Customer identification and records',
    basis: 'legal',
    appliesTo: 'all',
    measuredFrom: 'updated',
    purpose: null,
    periodDays: 1825,
  },
]
