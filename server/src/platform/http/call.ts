import type { FastifyRequest } from 'fastify'
import { type Actor, NO_REQUEST, type RequestContext } from '../../audit/audit-log.js'
import type { AppDeps } from '../deps.js'
import type { Principal } from './principal.js'
import { principalOf, requestContext } from './request-context.js'

/**
 * What a service needs to know of who asks. Most need the whole principal
 * (scope, permissions, account); a service that only records who acted
 * needs the actor alone, so a job, a command or the first start can call it
 * without pretending to be an account.
 */
export type Caller = Pick<Principal, 'actor'>

/**
 * One call to a service (issue 13 item 5): the server's dependencies, who
 * asks, where the request came from, and the moment it is served — built
 * once per request by the route (or once per run by a job or a command), so
 * a service takes one object instead of the (deps, context, principal)
 * triad, and every row and audit event it writes carries the same time.
 */
export type Call<Who extends Caller | null = Principal> = {
  deps: AppDeps
  principal: Who
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

/**
 * The call of a route whose caller is not known yet (signing in): the
 * request is, the principal is not. Its services record the anonymous or
 * system actor they recorded before.
 */
export function anonymousCallOf(deps: AppDeps, request: FastifyRequest): Call<null> {
  return { deps, principal: null, context: requestContext(request), now: deps.clock.now() }
}

/** A call without a request: a job, a command or the first start acting as `actor`. */
export function systemCall(deps: AppDeps, actor: Actor): Call<Caller> {
  return { deps, principal: { actor }, context: NO_REQUEST, now: deps.clock.now() }
}
