/**
 * The follow-ups module's face (跟踪 / 回访, issue 17): what the composition
 * root and other modules may use. Its customer-data holder
 * (follow-ups.customer-data.ts) is reached by the customer-data registry alone.
 */
export { followUpsJobs } from './follow-ups.jobs.js'
export { followUpsRoutes } from './follow-ups.routes.js'
export { PURPOSES as FOLLOW_UP_PURPOSES } from './follow-ups.schemas.js'
export {
  type PlanningOptions,
  type PreparedFollowUp,
  planFollowUp,
  prepareFollowUp,
} from './follow-ups.service.js'
