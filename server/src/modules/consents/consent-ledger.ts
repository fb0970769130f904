import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { standingConsents } from '../../security/customer-policy.js'

export type ConsentState = {
  purpose: string
  granted: boolean
  since: Date
  /** Given by a parent or guardian (PIPL Art. 31). */
  byGuardian: boolean
  /** Sealed under the customer's key (opened only where shown). */
  sealedRecipient: string | null
}

/** Where a consent's recipient is sealed (the vault's associated data names it). */
export const RECIPIENT_ADDRESS = 'consent.recipient'

/**
 * The standing decision per purpose (CON-2), in the order of the purposes:
 * which record of the ledger stands is the customer-data policy's rule
 * (latest consent wins), applied to the customer's ledger as read here.
 */
export async function consentStates(
  db: Database,
  customerId: string,
  purposes?: string[],
): Promise<Map<string, ConsentState>> {
  if (purposes && purposes.length === 0) return new Map()
  const ledger = await db
    .selectFrom('consents')
    .select(['id', 'purpose', 'granted', 'by_guardian', 'recorded_at'])
    .select(sql<string | null>`sealed->>'recipient'`.as('sealed_recipient'))
    .where('customer_id', '=', customerId)
    .$if(purposes !== undefined, (q) => q.where('purpose', 'in', purposes ?? []))
    .orderBy('purpose')
    .orderBy('id')
    .execute()
  return new Map(
    [...standingConsents(ledger).values()].map((r) => [
      r.purpose,
      {
        purpose: r.purpose,
        granted: r.granted,
        since: r.recorded_at,
        byGuardian: r.by_guardian,
        sealedRecipient: r.sealed_recipient,
      },
    ]),
  )
}

/** Every grant and withdrawal of a customer, oldest first: the consent entries of the customer's timeline (CUS-6). */
export async function consentLedgerOf(db: Database, customerId: string) {
  return db
    .selectFrom('consents')
    .select(['purpose', 'granted', 'recorded_at'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute()
}
