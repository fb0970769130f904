import type { Database } from '../../db/database.js'
import type { ErrorCode } from '../../platform/errors.js'
import { SENSITIVE_CONSENT } from '../purposes/default-purposes.js'
import type { Purpose } from '../purposes/purposes.service.js'
import { consentStates } from './consent-ledger.js'

export type LegalBasisDecision =
  | { allowed: true }
  | { allowed: false; code: ErrorCode; reason: string }

/**
 * ACC-2, CON-3: does this purpose rest on a legal basis that holds for this
 * customer now? In order:
 * - a restricted customer (PIPL Art. 47) is stored and protected and used
 *   for nothing else, whatever the purpose;
 * - a contract or a legal obligation holds for every customer on record;
 * - a consent-based purpose needs the customer's standing consent to it —
 *   the latest record of the ledger, so a withdrawal counts at once — and,
 *   for sensitive fields, the separate consent to sensitive processing too
 *   (PIPL Art. 29).
 */
export async function checkLegalBasis(
  db: Database,
  customer: { id: string; status: string },
  purpose: Pick<Purpose, 'code' | 'legal_basis'>,
  touchesSensitive: boolean,
): Promise<LegalBasisDecision> {
  if (customer.status === 'restricted') {
    return { allowed: false, code: 'CUSTOMER_RESTRICTED', reason: 'restricted' }
  }
  if (purpose.legal_basis !== 'consent') return { allowed: true }
  const needed = touchesSensitive ? [purpose.code, SENSITIVE_CONSENT] : [purpose.code]
  const states = await consentStates(db, customer.id, needed)
  const own = states.get(purpose.code)
  if (!own?.granted) {
    return {
      allowed: false,
      code: 'CONSENT_REQUIRED',
      reason: own ? 'consent_withdrawn' : 'no_consent',
    }
  }
  if (
    touchesSensitive &&
    purpose.code !== SENSITIVE_CONSENT &&
    !states.get(SENSITIVE_CONSENT)?.granted
  ) {
    return { allowed: false, code: 'SENSITIVE_CONSENT_REQUIRED', reason: 'no_sensitive_consent' }
  }
  return { allowed: true }
}
