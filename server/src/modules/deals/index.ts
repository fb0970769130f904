/** The deals module's face: what the composition root may use. */
export { dealsRoutes } from './deals.routes.js'
