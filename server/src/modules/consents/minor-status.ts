import type { Database } from '../../db/database.js'
import type { CustomerKey, Vault } from '../../security/vault.js'
import type { Catalogue } from '../catalogue/catalogue.service.js'
import { openValues } from '../customers/customer-records.js'
import type { SealedRecord } from '../customers/customers.repository.js'
import { birthDateOf, isUnder14 } from './minors.js'

/**
 * Is this individual under 14 on `today` (PIPL Art. 28, 31)? The birth date
 * comes from the resident ID number, opened here on the server and never
 * shown: a customer with another kind of document, or none, is not taken
 * for a minor (as when a consent is recorded).
 */
export function isMinor(
  vault: Vault,
  key: CustomerKey,
  catalogue: Catalogue,
  sealed: SealedRecord,
  today: string,
): boolean {
  const identity = openValues(vault, key, catalogue, sealed, ['idNumber', 'idType'])
  const born = birthDateOf(
    identity.get('idNumber') as string | undefined,
    identity.get('idType') as string | undefined,
  )
  return isUnder14(born, today)
}

export type GuardianConsent = { granted: boolean; byGuardian: boolean }

/**
 * The standing decision per purpose — the latest record of the ledger — and
 * whether a parent or guardian gave it. A child's consent given before the
 * record showed the child's age (say, a corrected ID number) is not a
 * guardian's and does not count.
 */
export async function guardianConsents(
  db: Database,
  customerId: string,
  purposes: string[],
): Promise<Map<string, GuardianConsent>> {
  const rows = await db
    .selectFrom('consents')
    .select(['purpose', 'granted', 'by_guardian'])
    .distinctOn('purpose')
    .where('customer_id', '=', customerId)
    .where('purpose', 'in', purposes)
    .orderBy('purpose')
    .orderBy('id', 'desc')
    .execute()
  return new Map(rows.map((r) => [r.purpose, { granted: r.granted, byGuardian: r.by_guardian }]))
}
