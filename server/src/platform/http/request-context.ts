import type { FastifyRequest } from 'fastify'
import type { RequestContext } from '../../audit/audit-log.js'
import { AppError } from '../errors.js'
import type { Principal } from './principal.js'

export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent']
  return { requestId: request.id, sourceIp: request.ip ?? null, userAgent: userAgent ?? null }
}

/** The caller on a route that declared it needs one; the access hook guarantees it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED')
  return request.principal
}
