/**
 * The retention module's face: what other modules and the composition root
 * may use. Its customer-data holder (retention.customer-data.ts) is reached
 * by the customer-data registry alone.
 */

export { retentionJobs } from './retention.jobs.js'
export { handOverOpenReviews } from './retention.repository.js'
export { retentionRoutes } from './retention.routes.js'
