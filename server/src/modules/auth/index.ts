/** The auth module's face: what other modules and the composition root may use. */
export { authRoutes } from './auth.routes.js'
export { checkTotpCode } from './totp.service.js'
