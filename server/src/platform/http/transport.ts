import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { readTlsFiles, type TlsMaterial } from '../tls-files.js'

/**
 * How the server meets the network (OPS-3): HTTPS with the configured
 * certificate, and which reverse proxies may tell it, in X-Forwarded-For and
 * X-Forwarded-Proto, who the client is and whether it used HTTPS. Nobody
 * else can: without CUSTODIA_TRUST_PROXY those headers are ignored.
 */
export function transportOptions(config: Pick<Config, 'tls' | 'trustProxy'>): {
  https?: TlsMaterial
  trustProxy: string[] | false
} {
  return {
    ...(config.tls && { https: readTlsFiles(config.tls) }),
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  }
}

/** One year, subdomains included: what browsers' preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains'

/**
 * HSTS on every response to an HTTPS request, whether TLS ends here or at a
 * trusted proxy; never over plain HTTP, where RFC 6797 forbids it.
 */
export function registerStrictTransportSecurity(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY)
    }
  })
}
