import type { FastifyRequest } from 'fastify'
import type { RequestContext } from '../../audit/audit-log.js'
import type { AppDeps } from '../deps.js'
import type { Principal } from './principal.js'
import { principalOf, requestContext } from './request-context.js'

/**
 * One call to a service (issue 13 item 5): the server's dependencies, who
 * asks, where the request came from, and the moment it is served — built
 * once per request by the route, so a service takes one object instead of
 * the (deps, context, principal) triad, and every row and audit event it
 * writes carries the same time.
 */
export type Call = {
  deps: AppDeps
  principal: Principal
  context: RequestContext
  now: Date
}

/** The call of a route that declared it needs a caller (the access hook guarantees one). */
export function callOf(deps: AppDeps, request: FastifyRequest): Call {
  return {
    deps,
    principal: principalOf(request),
    context: requestContext(request),
    now: deps.clock.now(),
  }
}
