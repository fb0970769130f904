/** The interactions module's face: what the composition root may use. */
export { interactionsRoutes } from './interactions.routes.js'
export { logFromRegister, type RegisterEntry } from './interactions.service.js'
