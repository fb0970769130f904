/** The roles module's face: what other modules and the composition root may use. */
export { rolesRoutes } from './roles.routes.js'
