/**
 * The requests module's face: what other modules and the composition root
 * may use. Its customer-data holder (requests.customer-data.ts) is reached
 * by the customer-data registry alone.
 */
export { customerRequests } from './customer-requests.js'
export { completeAwaitingErasure } from './erasure-completion.js'
export { requestsJobs } from './requests.jobs.js'
export { requestsRoutes } from './requests.routes.js'
