import type { Database } from '../../db/database.js'
import type { ErrorCode } from '../../platform/errors.js'
import { SENSITIVE_CONSENT } from '../purposes/default-purposes.js'
import type { Purpose } from '../purposes/purposes.service.js'
import { consentStates } from './consent-ledger.js'
import { guardianConsents } from './minor-status.js'

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
 *   (PIPL Art. 29);
 * - for a minor under 14 every field is sensitive (PIPL Art. 28), and
 *   both consents must be a parent's or guardian's (Art. 31).
 * A contract or a legal obligation stands for a minor as for anyone
 * (Art. 13): no guardian can waive an anti-money-laundering duty.
 */
export async function checkLegalBasis(
  db: Database,
  customer: { id: string; status: string },
  purpose: Pick<Purpose, 'code' | 'legal_basis'>,
  touchesSensitive: boolean,
  minor = false,
): Promise<LegalBasisDecision> {
  if (customer.status === 'restricted') {
    return { allowed: false, code: 'CUSTOMER_RESTRICTED', reason: 'restricted' }
  }
  if (purpose.legal_basis !== 'consent') return { allowed: true }
  if (minor) return checkGuardianConsents(db, customer.id, purpose.code)
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

/** A minor's consent-based purpose: its own consent and the separate sensitive one, both from a guardian. */
async function checkGuardianConsents(
  db: Database,
  customerId: string,
  purpose: string,
): Promise<LegalBasisDecision> {
  const states = await guardianConsents(db, customerId, [purpose, SENSITIVE_CONSENT])
  const own = states.get(purpose)
  if (!own?.granted) {
    return {
      allowed: false,
      code: 'CONSENT_REQUIRED',
      reason: own ? 'consent_withdrawn' : 'no_consent',
    }
  }
  if (!own.byGuardian) {
    return {
      allowed: false,
      code: 'MINOR_GUARDIAN_CONSENT_REQUIRED',
      reason: 'consent_not_by_guardian',
    }
  }
  const sensitive = states.get(SENSITIVE_CONSENT)
  if (!sensitive?.granted || !sensitive.byGuardian) {
    return {
      allowed: false,
      code: 'MINOR_GUARDIAN_CONSENT_REQUIRED',
      reason: 'no_guardian_sensitive_consent',
    }
  }
  return { allowed: true }
}
