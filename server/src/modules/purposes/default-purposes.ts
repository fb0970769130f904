/**
 * The purposes a reveal may name (ACC-2) are data: those Custodia starts with
 * are seeded by the migrations 0003-customers and 0004-consents-requests
 * (frozen copies there), then `secadmin` and `compliance` maintain the list.
 * Each rests on a legal basis (PIPL Art. 13): a consent that covers it, a
 * contract with the customer, or a legal obligation.
 */
export type LegalBasis = 'consent' | 'contract' | 'legal_obligation'

/** Consents that must name who receives the information. */
export const PURPOSES_WITH_RECIPIENT: ReadonlySet<string> = new Set(['third_party', 'cross_border'])
/** The separate consent that sensitive fields need (PIPL Art. 29): the customer-data policy's. */
export { SENSITIVE_CONSENT } from '../../security/customer-policy.js'
