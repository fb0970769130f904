/**
 * The customers module's face: what other modules and the composition root
 * may use. Its customer-data holder (customers.customer-data.ts) is reached
 * by the customer-data registry alone.
 */

export { checkEntry, type EntryCheck } from './check-entry.js'
export {
  type ComparableCustomer,
  comparableCustomers,
  type StoredBlockingKeys,
  storedBlockingKeys,
} from './comparable-customers.js'
export { createCustomer, createCustomers } from './create-customers.js'
export type { CustomerFacts } from './customer-facts.js'
export { customerInScope } from './customer-guard.js'
export { openCustomer } from './customer-key.js'
export { openValues } from './customer-records.js'
export { registerCustomerScopeGuard } from './customer-scope-guard.js'
export { maskField, presentCustomer, type Viewer } from './customers.presenter.js'
export {
  markRestricted,
  moveSealedField,
  type SealedRecord,
  selectCustomer,
  selectSealed,
} from './customers.repository.js'
export { customersRoutes } from './customers.routes.js'
export {
  customerIdParams,
  GRADES,
  listCustomersQuery,
  SOURCES,
  updateCustomerSchema,
} from './customers.schemas.js'
export { type EntryIdentity, type EntryMatch, matchEntries } from './entry-matches.js'
export { entryReviewOffApproval } from './entry-review.js'
export { type CustomerListFilter, customerListPages } from './find-customers.js'
export { maskedNamesOf } from './masked-names.js'
export {
  finalMerges,
  keepTombstone,
  type MergedRecords,
  mergeRecords,
  recordMergedRows,
  type UndoneMerge,
  undoMergeRecords,
} from './merge-customers.js'
export { isMinor } from './minor-status.js'
export {
  type AttributionSettings,
  attributionSettings,
  changeOwner,
  currentRegistration,
  currentRegistrations,
  type OwnerChange,
  ownerHistory,
  type Registration,
  recordCustomerActivity,
  recordFirstContact,
  registerCustomer,
} from './registrations.js'
export { passRevealGate, REVEAL_DISPLAY_SECONDS, revealAudit } from './reveal-gate.js'
export { updateCustomer } from './update-customer.js'
export { openVisiblePage, seesSensitive } from './visible-values.js'
