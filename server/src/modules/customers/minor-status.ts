import { type CustomerSealing, openValues } from './customer-records.js'
import type { PersonalValue } from './customer-values.js'
import type { SealedRecord } from './customers.repository.js'
import { birthDateOf, isUnder14 } from './minors.js'

/** The fields whose values tell whether an individual is under 14. */
export const MINOR_FACTS = ['idNumber', 'idType']

/**
 * Is this individual under 14 on `today` (PIPL Art. 28, 31)? The birth date
 * comes from the resident ID number, opened here on the server and never
 * shown: a customer with another kind of document, or none, is not taken
 * for a minor (as when a consent is recorded).
 */
export function isMinor(
  { vault, key, catalogue }: CustomerSealing,
  sealed: SealedRecord,
  today: string,
): boolean {
  return isMinorBy(openValues(vault, key, catalogue, sealed, MINOR_FACTS), today)
}

/** As isMinor, from the values already opened (MINOR_FACTS among them, when stored). */
export function isMinorBy(identity: ReadonlyMap<string, PersonalValue>, today: string): boolean {
  const born = birthDateOf(
    identity.get('idNumber') as string | undefined,
    identity.get('idType') as string | undefined,
  )
  return isUnder14(born, today)
}
