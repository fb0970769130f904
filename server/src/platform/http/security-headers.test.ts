import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import helmet, { type HelmetOptions } from 'helmet'
import { describe, expect, it } from 'vitest'
import { securityHeaders } from './security-headers.js'

/** OPS-3, issue 15: the headers computed once are the ones Helmet's middleware sets on a response. */
describe('security headers', () => {
  it('equal what Helmet sets on a real response, for the defaults and for our options', () => {
    const ours: HelmetOptions = {
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
      },
      hsts: false,
    }
    for (const options of [{}, ours]) {
      const response = new ServerResponse(new IncomingMessage(new Socket()))
      helmet(options)({} as IncomingMessage, response, () => undefined)
      const expected = Object.fromEntries(
        Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]),
      )
      expect(securityHeaders(options)).toEqual(expected)
    }
    expect(securityHeaders(ours)['strict-transport-security']).toBeUndefined()
    expect(securityHeaders(ours)['content-security-policy']).toContain("img-src 'self' data:")
  })
})
