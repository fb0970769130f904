import type { StoredCredit } from '../../db/schema.js'
import type { CreditRule } from './credit-split.js'
import type { DealRow, StageChangeRow } from './deals.repository.js'

/** What the service opened and worked out for one deal. */
export type DealExtras = {
  /** The plain amount, opened once by the service; null when none or hidden. */
  amount: string | null
  amountHidden: boolean
  /** The fixed split, or the preview worked out now. */
  credit: StoredCredit
  history: StageChangeRow[]
  /** The customer's masked name, if it could be opened. */
  customerName: string | null
  /** Display names of every account the split names. */
  names: Map<string, string>
}

/** The accounts a split names: a service loads their names before presenting. */
export function accountsOf(credit: StoredCredit): string[] {
  return [
    ...credit.shares.map((s) => s.accountId),
    ...(credit.registration ? [credit.registration.accountId] : []),
  ]
}

/** One deal as the API answers it: pure, no vault, no database. */
export function presentDeal(row: DealRow, extras: DealExtras) {
  const { credit, names } = extras
  const person = (id: string) => ({ id, name: names.get(id) ?? '' })
  const rule = credit.rule as CreditRule
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: extras.customerName,
    stage: row.stage,
    amount: extras.amount,
    amountHidden: extras.amountHidden,
    product: row.product,
    closer: { id: row.closer_id, name: row.closer_name },
    reason: row.reason,
    createdBy: { id: row.created_by, name: row.creator_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signedAt: row.signed_at,
    credit: credit.shares.map((s) => ({
      accountId: s.accountId,
      name: names.get(s.accountId) ?? '',
      share: s.share,
      rule,
      role: s.role,
    })),
    split: {
      rule,
      fixed: row.credit_fixed_at !== null,
      fixedAt: row.credit_fixed_at,
      day: credit.day,
      registration: credit.registration && {
        id: credit.registration.id,
        registrant: person(credit.registration.accountId),
        registeredAt: new Date(credit.registration.registeredAt),
        validUntil: new Date(credit.registration.validUntil),
      },
      ownerChangeId: credit.ownerChangeId,
      visitId: credit.visitId,
    },
    history: extras.history.map((h) => ({
      stage: h.to_stage,
      from: h.from_stage,
      at: h.changed_at,
      by: { id: h.changed_by, name: h.changer_name },
      reason: h.reason,
    })),
  }
}
