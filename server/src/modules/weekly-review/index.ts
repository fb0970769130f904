/**
 * The weekly review module's face (客户信息梳理 and re-confirmation, issue
 * 17, CUS-8, DQ-2): what the composition root may use. Its customer-data
 * holder (weekly-review.customer-data.ts) is reached by the customer-data
 * registry alone.
 */
export { weeklyReviewRoutes } from './weekly-review.routes.js'
