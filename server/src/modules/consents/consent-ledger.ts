import { sql } from 'kysely'
import type { Database } from '../../db/database.js'

export type ConsentState = {
  purpose: string
  granted: boolean
  since: Date
  /** Sealed under the customer's key (opened only where shown). */
  sealedRecipient: string | null
}

/** Where a consent's recipient is sealed (the vault's associated data names it). */
export const RECIPIENT_ADDRESS = 'consent.recipient'

/**
 * The standing decision per purpose: the latest record of the ledger for
 * that customer and purpose, so a withdrawal takes effect at once (CON-2).
 */
export async function consentStates(
  db: Database,
  customerId: string,
  purposes?: string[],
): Promise<Map<string, ConsentState>> {
  if (purposes && purposes.length === 0) return new Map()
  const rows = await db
    .selectFrom('consents')
    .select(['purpose', 'granted', 'recorded_at'])
    .select(sql<string | null>`sealed->>'recipient'`.as('sealed_recipient'))
    .distinctOn('purpose')
    .where('customer_id', '=', customerId)
    .$if(purposes !== undefined, (q) => q.where('purpose', 'in', purposes ?? []))
    .orderBy('purpose')
    .orderBy('id', 'desc')
    .execute()
  return new Map(
    rows.map((r) => [
      r.purpose,
      {
        purpose: r.purpose,
        granted: r.granted,
        since: r.recorded_at,
        sealedRecipient: r.sealed_recipient,
      },
    ]),
  )
}

/** A condition on `customers`: the standing consent to `purpose` is a grant (CON-3). */
export const hasStandingConsent = (purpose: string) => sql<boolean>`coalesce((
  select k.granted from consents k
  where k.customer_id = customers.id and k.purpose = ${purpose}
  order by k.id desc limit 1
), false)`
