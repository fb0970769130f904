/** The feedback module's face: what the composition root may use. Its customer-data holder is reached by the registry alone. */
export { feedbackRoutes } from './feedback.routes.js'
