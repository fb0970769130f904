import type { PolicyRow, ReviewRow } from './retention.repository.js'
import type { PolicyView, ReviewView } from './retention.schemas.js'

/** Rows as the API shows them: pure, no I/O. */
export const presentPolicy = (row: PolicyRow): PolicyView => ({
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  basis: row.basis,
  appliesTo: row.applies_to,
  measuredFrom: row.measured_from,
  purpose: row.purpose,
  periodDays: row.period_days,
  active: row.active,
})

export const presentReview = (row: ReviewRow): ReviewView => ({
  id: row.id,
  customerId: row.customer_id,
  policy: row.policy,
  expiredAt: row.expired_at,
  flaggedAt: row.flagged_at,
  status: row.status,
  decidedAt: row.decided_at,
})
