/** The API tokens module's face: what other modules and the composition root may use. */

export { tokensRoutes } from './tokens.routes.js'
export { resolveToken, revokeAccountTokens } from './tokens.service.js'
