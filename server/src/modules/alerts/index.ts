/** The alerts module's face: what other modules and the composition root may use. */
export { alertsRoutes } from './alerts.routes.js'
