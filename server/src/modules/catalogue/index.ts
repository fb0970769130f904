/** The field catalogue's face: what other modules and the composition root may use. */
export { type StoredEntry, storageOf } from './catalogue.repository.js'
export { catalogueRoutes } from './catalogue.routes.js'
export { catalogueChangeApproval } from './catalogue-change-approval.js'
export { requireOtherFunction } from './classification-approver.js'
export type { CustomerKind, FieldDataType } from './default-catalogue.js'
export type { SealedStorage } from './entry-change.js'
export { type Catalogue, loadCatalogue } from './load-catalogue.js'
