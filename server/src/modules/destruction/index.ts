/**
 * The destruction module's face: what other modules and the composition
 * root may use. Its customer-data holder (destruction.customer-data.ts) is
 * reached by the customer-data registry alone.
 */

export { destructionJobs } from './destruction.jobs.js'
export { destructionRoutes } from './destruction.routes.js'
export { destructionOf } from './destruction.service.js'
export { reconcileLedger, redoLedgerDestructions } from './destruction-ledger.js'
