import { GRADES } from '../customers/index.js'
import { FOLLOW_UP_PURPOSES } from '../follow-ups/index.js'
import type { ReviewSettings } from './weekly-review.repository.js'
import { CONFIRMATION_METHODS } from './weekly-review.schemas.js'

type Person = { id: string; name: string }
type Grade = (typeof GRADES)[number]
type Purpose = (typeof FOLLOW_UP_PURPOSES)[number]
type Method = (typeof CONFIRMATION_METHODS)[number]

export const gradeOf = (code: string | null): Grade | null =>
  (GRADES as readonly string[]).includes(code ?? '') ? (code as Grade) : null
export const purposeOf = (code: string): Purpose =>
  (FOLLOW_UP_PURPOSES as readonly string[]).includes(code) ? (code as Purpose) : 'other'
const methodOf = (code: string): Method =>
  (CONFIRMATION_METHODS as readonly string[]).includes(code) ? (code as Method) : 'phone'

/** A staff member by id, named when known. */
export const personOf = (names: Map<string, string>, id: string): Person => ({
  id,
  name: names.get(id) ?? '',
})

/** A customer as every list of this module names it: the id and the masked name. */
export const customerRefOf = (masked: Map<string, string>, customerId: string) => ({
  customerId,
  maskedName: masked.get(customerId) ?? '',
})

export function presentConfirmation(
  row: {
    id: string
    customer_id: string
    fields: string[]
    method: string
    confirmed_at: Date
    confirmed_by: string
  },
  names: Map<string, string>,
) {
  return {
    id: row.id,
    customerId: row.customer_id,
    fields: row.fields,
    method: methodOf(row.method),
    confirmedAt: row.confirmed_at,
    confirmedBy: personOf(names, row.confirmed_by),
  }
}

export function presentSettings(settings: ReviewSettings, names: Map<string, string>) {
  return {
    staleDays: settings.staleDays,
    reconfirmDays: settings.reconfirmDays,
    changedAt: settings.changedAt,
    changedBy: settings.changedBy ? personOf(names, settings.changedBy) : null,
  }
}
