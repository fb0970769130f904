/** The reception module's face: what the composition root may use. */
export { receptionRoutes } from './reception.routes.js'
