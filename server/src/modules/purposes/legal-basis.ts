import type { Database } from '../../db/database.js'
import type { Purpose } from './purposes.service.js'

export type LegalBasisDecision = { allowed: true } | { allowed: false; reason: string }

/**
 * ACC-2: a purpose must rest on a legal basis that holds for this customer.
 * A contract or a legal obligation is taken to hold for every customer on
 * record. A consent-based purpose needs the customer's consent covering it:
 * consents arrive with their own issue (CON-2), and until then — deny by
 * default — no consent exists, so such a purpose is refused.
 *
 * This is the hook the consent module replaces: look up the customer's
 * latest grant or withdrawal for `purpose.code` here.
 */
export async function checkLegalBasis(
  _db: Database,
  _customerId: string,
  purpose: Purpose,
): Promise<LegalBasisDecision> {
  if (purpose.legal_basis === 'contract' || purpose.legal_basis === 'legal_obligation') {
    return { allowed: true }
  }
  return { allowed: false, reason: 'no_consent' }
}
