/** The notices module's face: what other modules and the composition root may use. */
export { noticesRoutes } from './notices.routes.js'
