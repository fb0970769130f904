import type { CustomerKey, Vault } from '../../security/vault.js'
import type { Catalogue } from '../catalogue/index.js'
import { openValues } from './customer-records.js'
import type { SealedRecord } from './customers.repository.js'
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
