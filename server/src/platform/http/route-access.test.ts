import Fastify from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/test-app.js'
import { PERMISSIONS } from '../../security/permissions.js'
import { requireDeclaredAccess } from './access-hook.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

describe('every route declares who may call it (ACC-1)', () => {
  it('lists every route of the app with a declared access of a known kind', () => {
    const routes = t.app.declaredRoutes
    expect(routes.length).toBeGreaterThan(15)
    for (const route of routes) {
      expect(t.app.hasRoute({ method: route.method as 'GET', url: route.url })).toBe(true)
    }
    const allowed = new Set<string>(['public', 'signed-in', ...PERMISSIONS])
    expect(routes.filter((route) => !allowed.has(route.access))).toEqual([])
  })

  it('keeps everything under /api/v1 but sign-in and the audit public key behind a signed-in caller', () => {
    const open = t.app.declaredRoutes
      .filter((route) => route.url.startsWith('/api/v1') && route.access === 'public')
      .map((route) => route.url)
    expect([...new Set(open)].sort()).toEqual(['/api/v1/audit/public-key', '/api/v1/auth/login'])
  })

  it('refuses to register a route that declares no access', async () => {
    const app = Fastify()
    requireDeclaredAccess(app)
    expect(() => app.get('/unguarded', async () => 'oops')).toThrow(/declares no access/)
    app.get('/guarded', { config: { access: 'public' } }, async () => 'ok')
    expect((await app.inject({ url: '/guarded' })).statusCode).toBe(200)
  })
})
