/**
 * The duplicate-review module's face (DQ-1): the daily sweep for likely
 * duplicates and the review queue it fills. The matching itself is the
 * duplicates module's; its customer-data holder
 * (duplicate-review.customer-data.ts) is reached by the registry alone.
 */
export { duplicateReviewJobs } from './duplicate-review.jobs.js'
export { duplicateReviewRoutes } from './duplicate-review.routes.js'
