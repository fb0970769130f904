import type { FastifyInstance, FastifyRequest } from 'fastify'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { decideRouteAccess } from '../../security/access-policy.js'
import type { AppDeps } from '../deps.js'
import { AppError } from '../errors.js'
import type { Principal } from './principal.js'
import { requestContext } from './request-context.js'
import { isPluginRoute, type RouteAccess } from './route-access.js'

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * How a caller is recognised. Sessions and API tokens are modules of their
 * own (they own their tables); app.ts hands their lookups in, so that this
 * layer, which every module relies on, imports none of them.
 */
export type Authenticators = {
  /** The name of the session cookie. */
  sessionCookie: string
  lookupSession(
    deps: AppDeps,
    cookie: string,
  ): Promise<{ principal: Principal } | { expired: true } | { missing: true }>
  /** The principal of a bearer token, or null when it is unknown, expired or revoked. */
  resolveToken(deps: AppDeps, token: string): Promise<Principal | null>
}

/**
 * Every route declares its access; a route without one is refused when it
 * is registered, so the server cannot start with an unguarded route.
 */
export function requireDeclaredAccess(app: FastifyInstance): void {
  const table: DeclaredRoute[] = []
  app.decorate('declaredRoutes', table)
  app.addHook('onRoute', (route) => {
    if (isPluginRoute(route.url)) route.config = { ...route.config, access: 'public' }
    const access = route.config?.access
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`)
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access })
  })
}

export type DeclaredRoute = { method: string; url: string; access: RouteAccess }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the access it declared, for review and for tests. */
    declaredRoutes: readonly DeclaredRoute[]
  }
}

/**
 * Establishes who is calling (session cookie or bearer token) and decides,
 * through the one access policy, whether the route may run. Denials by a
 * signed-in caller are audited (AUD-3 watches for repeated ones).
 */
export function registerAccessHook(
  app: FastifyInstance,
  deps: AppDeps,
  authenticators: Authenticators,
): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access
    if (request.is404 || access === 'public') return
    request.principal = await authenticate(deps, authenticators, request)
    const decision = decideRouteAccess(request.principal, access)
    if (decision.allowed) return
    if (request.principal) {
      await recordAuditEvent(deps.db, deps.clock.now(), requestContext(request), {
        actor: request.principal.actor,
        action: 'access.denied',
        target: { type: 'route', id: `${request.method} ${request.routeOptions.url}` },
        outcome: 'denied',
        reason: decision.reason,
      })
    }
    throw new AppError(decision.code)
  })
}

async function authenticate(
  deps: AppDeps,
  { sessionCookie, lookupSession, resolveToken }: Authenticators,
  request: FastifyRequest,
): Promise<Principal | null> {
  const authorization = request.headers.authorization
  if (authorization) {
    const [scheme, token] = authorization.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError('TOKEN_INVALID')
    const principal = await resolveToken(deps, token)
    if (!principal) throw new AppError('TOKEN_INVALID')
    return principal
  }
  const cookie = request.cookies[sessionCookie]
  if (!cookie) return null
  // OPS-3 CSRF: the cookie is SameSite=Strict; a cross-origin unsafe request is refused as well.
  if (UNSAFE_METHODS.has(request.method) && !sameOrigin(request))
    throw new AppError('CSRF_REJECTED')
  const found = await lookupSession(deps, cookie)
  if ('expired' in found) throw new AppError('SESSION_EXPIRED')
  if ('missing' in found) throw new AppError('UNAUTHENTICATED')
  return found.principal
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin
  if (!origin) return true
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}
