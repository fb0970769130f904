import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import helmet, { type HelmetOptions } from 'helmet'

/**
 * Helmet's security headers for `options`, worked out once. Helmet's own
 * Fastify plugin builds the middleware again on every request — parsing
 * the CSP directives and every option each time (issue 15's profile: a
 * few per cent of a customer read). Static options give the same headers
 * on every answer, so they are computed here once, by running Helmet's
 * middleware against a recorder, and set as they are.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error
  })
  return headers
}

/**
 * What a JSON answer of the API needs (the OWASP REST Security cheat sheet):
 * nothing in it may run, be framed, be sniffed as another type or be read
 * by another origin. Helmet's full set (some 900 bytes) is for pages a
 * browser renders; on every API answer it was a tenth of the bytes and of
 * the parsing a client does (issue 15's profile).
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
}

/**
 * Every answer under `apiPrefix` carries API_HEADERS; every other one (the
 * console, the API's documentation pages) Helmet's headers for `options`,
 * computed once.
 */
export function registerSecurityHeaders(
  app: FastifyInstance,
  options: HelmetOptions,
  apiPrefix: string,
): void {
  const pageHeaders = securityHeaders(options)
  const api = `${apiPrefix}/`
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(request.url.startsWith(api) ? API_HEADERS : pageHeaders)
  })
}
