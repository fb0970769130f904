/**
 * The tracking module's face (客户追踪表 and 晚会, issue 17 §3): what the
 * composition root may use. Its customer-data holder
 * (tracking.customer-data.ts) is reached by the customer-data registry alone.
 */
export { trackingRoutes } from './tracking.routes.js'
