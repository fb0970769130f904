import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../test/test-app.js'
import { testEngine } from '../../test/test-database.js'
import { runExclusive } from './jobs.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '8' })
})

describe('HTTP hygiene (OPS-3)', () => {
  it('serves liveness, the OpenAPI document and the API docs without signing in', async () => {
    expect((await call(t.app, { url: '/healthz' })).json()).toEqual({ status: 'ok' })
    const openapi = (await call(t.app, { url: '/api/openapi.json' })).json()
    expect(openapi.openapi).toMatch(/^3\./)
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/customers',
        '/api/v1/customers/{id}',
        '/api/v1/customers/{id}/reveal',
        '/api/v1/purposes',
        '/api/v1/field-catalogue',
      ]),
    )
    expect((await call(t.app, { url: '/api/docs/' })).statusCode).toBe(200)
  })

  it('sets security headers and a request id on every response', async () => {
    const response = await call(t.app, { url: '/healthz' })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    // HSTS only over HTTPS (RFC 6797): tls.api.test.ts checks it there.
    expect(response.headers['strict-transport-security']).toBeUndefined()
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers the API with the headers a JSON answer needs, the short set OWASP lists (issue 15)', async () => {
    const response = await call(t.app, { url: '/api/v1/purposes' })
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    )
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    // A page a browser renders, such as the API's documentation, keeps Helmet's full set.
    const docs = await call(t.app, { url: '/api/docs/' })
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'")
    expect(docs.headers['cross-origin-opener-policy']).toBe('same-origin')
  })

  it('answers unknown paths with the catalogue error in the caller language', async () => {
    const response = await call(t.app, {
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'en' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.' } })
  })

  it('rate-limits sign-in attempts per source address, in the database', async () => {
    const codes: string[] = []
    for (let i = 0; i < 10; i++) {
      const response = await call(t.app, {
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { username: `nobody-${i}`, password: 'x' },
      })
      codes.push(response.json().error.code)
    }
    expect(codes.slice(0, 8).every((code) => code === 'INVALID_CREDENTIALS')).toBe(true)
    expect(codes.slice(8)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
    // Another address is not affected.
    const other = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.8.8',
      payload: { username: 'nobody', password: 'x' },
    })
    expect(other.json().error.code).toBe('INVALID_CREDENTIALS')
  })

  it('never writes passwords, cookies or tokens to the log (CLS-6)', async () => {
    const staff = await createStaff(t.deps, ['sysadmin'])
    const cookie = await signInAs(t.app, staff)
    const token = (
      await call(t.app, {
        method: 'POST',
        url: '/api/v1/tokens',
        cookie,
        payload: { name: 'log-check', scopes: ['accounts.read'] },
      })
    ).json().token
    await call(t.app, { method: 'GET', url: '/api/v1/accounts?search=13800138000', token })
    const log = t.logs.join('')
    expect(log).toContain('/api/v1/accounts')
    for (const secret of [staff.password, cookie, token, '13800138000'])
      expect(log).not.toContain(secret)
  })
})

describe('background jobs (stateless server)', () => {
  it.runIf(testEngine === 'postgres')(
    'lets only one process at a time run a job, through an advisory lock',
    async () => {
      let inner: boolean | undefined
      const outer = await runExclusive(t.deps.db, 'demo-job', async () => {
        // A second runner (another pooled connection, as another process would be) is refused meanwhile.
        inner = await runExclusive(t.deps.db, 'demo-job', async () => {})
      })
      expect(outer).toBe(true)
      expect(inner).toBe(false)
      expect(await runExclusive(t.deps.db, 'demo-job', async () => {})).toBe(true)
    },
  )

  it('runs a job when no one else holds its lock', async () => {
    let ran = false
    expect(
      await runExclusive(t.deps.db, 'solo-job', async () => {
        ran = true
      }),
    ).toBe(true)
    expect(ran).toBe(true)
  })
})

describe('the web console on the same port (UI-1)', () => {
  it('serves the console for page paths and its files as they are, never for /api', async () => {
    const home = await call(t.app, { url: '/' })
    expect(home.statusCode).toBe(200)
    expect(home.headers['content-type']).toMatch(/text\/html/)
    expect(home.body).toContain('<div id="root">')
    const deepLink = await call(t.app, { url: '/customers/5b1c0f1e-0000-4000-8000-000000000000' })
    expect(deepLink.body).toBe(home.body)
    const script = home.body.match(/src="\/(assets\/[^"]+\.js)"/)?.[1]
    expect((await call(t.app, { url: `/${script}` })).headers['content-type']).toMatch(/javascript/)
    expect((await call(t.app, { url: '/../package.json' })).body).not.toContain('"workspaces"')
    const api = await call(t.app, { url: '/api/v1/no-such-thing' })
    expect(api.statusCode).toBe(404)
    expect(api.json().error.code).toBe('NOT_FOUND')
  })
})
