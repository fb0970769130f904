import type { Kysely } from 'kysely'
import type { DB, StoredCredit } from '../../db/schema.js'
import type { Call } from '../../platform/http/call.js'
import { dayIn } from '../calendar/index.js'
import { currentRegistration, ownerHistory } from '../customers/index.js'
import { visitsOfCustomerOn } from '../reception/index.js'
import { type CreditSplit, splitCredit } from './credit-split.js'
import { dealShares } from './deals.repository.js'

/**
 * Gathers the facts of the credit split of a deal of `customerId` closed by
 * `closerId` at `at` and works it out (credit-split.ts): the customer's open
 * registration, its latest owner change, its reception visits that day, and
 * the configured shares. `db` is the transaction when the split is fixed.
 */
export async function workOutCredit(
  db: Kysely<DB>,
  call: Pick<Call, 'deps'>,
  deal: { customerId: string; closerId: string; at: Date },
): Promise<StoredCredit> {
  const { customerId, closerId, at } = deal
  const day = dayIn(call.deps.config.timeZone, at)
  const registration = await currentRegistration(db, customerId, at)
  const changes = await ownerHistory(db, customerId)
  const latest = changes.at(-1)
  const visits = await visitsOfCustomerOn(db, customerId, day)
  const split = splitCredit({
    closerId,
    registration: registration
      ? {
          id: registration.id,
          accountId: registration.accountId,
          registeredAt: registration.registeredAt,
          validUntil: registration.validUntil,
        }
      : null,
    at,
    day,
    latestOwnerChange: latest
      ? { id: latest.id, kind: latest.kind, toOwnerId: latest.to_owner_id }
      : null,
    visitsThatDay: visits.map((v) => ({ id: v.id, receivedBy: v.received_by })),
    shares: await dealShares(db),
  })
  return storedCredit(split)
}

/** The split as the deal keeps it (dates as ISO text in its jsonb). */
export function storedCredit(split: CreditSplit): StoredCredit {
  return {
    rule: split.rule,
    shares: split.shares,
    registration: split.registration && {
      id: split.registration.id,
      accountId: split.registration.accountId,
      registeredAt: split.registration.registeredAt.toISOString(),
      validUntil: split.registration.validUntil.toISOString(),
    },
    ownerChangeId: split.ownerChangeId,
    visitId: split.visitId,
    day: split.day,
  }
}
