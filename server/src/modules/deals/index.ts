/** The deals module's face: what the composition root may use. */
export { customerDealSteps } from './deals.repository.js'
export { dealsRoutes } from './deals.routes.js'
