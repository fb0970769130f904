/**
 * The pool module's face (公海, CUS-10): what the composition root may use.
 * Its customer-data holder (pool.customer-data.ts) is reached by the
 * customer-data registry alone.
 */
export { poolJobs } from './pool.jobs.js'
export { poolRoutes } from './pool.routes.js'
