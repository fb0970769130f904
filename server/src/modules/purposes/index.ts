/** The purposes module's face: what other modules and the composition root may use. */

export { findActivePurpose } from './active-purposes.js'
export { PURPOSES_WITH_RECIPIENT } from './default-purposes.js'
export { purposeChangeApproval } from './purpose-change-approval.js'
export { purposesRoutes } from './purposes.routes.js'
