/**
 * The consents module's face: what other modules and the composition root
 * may use. Its customer-data holder (consents.customer-data.ts) is reached
 * by the customer-data registry alone.
 */
export { consentLedgerOf, consentStates } from './consent-ledger.js'
export { consentsRoutes } from './consents.routes.js'
export { recordConsent } from './consents.service.js'
export { sealLegacyRecipients } from './seal-legacy-recipients.js'
