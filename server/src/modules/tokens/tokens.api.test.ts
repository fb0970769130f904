import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})

describe('API tokens for integrations (ACC-4)', () => {
  it('authenticates with a token within its scopes, and not after revocation', async () => {
    const staff = await createStaff(t.deps, ['sysadmin'])
    const cookie = await signInAs(t.app, staff)
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      cookie,
      payload: { name: 'hr-sync', scopes: ['accounts.read'] },
    })
    expect(created.statusCode).toBe(201)
    const { token, details } = created.json()
    expect(token).toMatch(/^cus_/)

    const stored = await t.deps.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', details.id)
      .executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(token)

    const list = await call(t.app, { method: 'GET', url: '/api/v1/accounts', token })
    expect(list.statusCode).toBe(200)
    const me = await call(t.app, { method: 'GET', url: '/api/v1/me', token })
    expect(me.json()).toMatchObject({ authenticatedBy: 'token', permissions: ['accounts.read'] })

    // Outside the token's scope, although the account itself may do it.
    const create = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      token,
      payload: { name: '运营部' },
    })
    expect(create.statusCode).toBe(403)

    const revoked = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/tokens/${details.id}`,
      cookie,
    })
    expect(revoked.statusCode).toBe(204)
    const after = await call(t.app, { method: 'GET', url: '/api/v1/accounts', token })
    expect(after.statusCode).toBe(401)
    expect(after.json().error.code).toBe('TOKEN_INVALID')

    const events = await t.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', details.id)
      .execute()
    expect(events.map((e) => e.action).sort()).toEqual(['token.created', 'token.revoked'])
  })

  it('refuses a token with permissions its account lacks', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      cookie,
      payload: { name: 'escalate', scopes: ['accounts.manage'] },
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.code).toBe('TOKEN_SCOPE_EXCEEDED')
  })

  it('stops a token when it expires and when its account is disabled', async () => {
    const staff = await createStaff(t.deps, ['sysadmin'])
    const cookie = await signInAs(t.app, staff)
    const expiring = (
      await call(t.app, {
        method: 'POST',
        url: '/api/v1/tokens',
        cookie,
        payload: { name: 'short', scopes: ['accounts.read'], expiresInDays: 1 },
      })
    ).json().token
    const lasting = (
      await call(t.app, {
        method: 'POST',
        url: '/api/v1/tokens',
        cookie,
        payload: { name: 'long', scopes: ['accounts.read'] },
      })
    ).json().token
    t.clock.advance(2 * DAY)
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/accounts', token: expiring })).statusCode,
    ).toBe(401)
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/accounts', token: lasting })).statusCode,
    ).toBe(200)

    const otherAdmin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${staff.id}/disable`,
      cookie: otherAdmin,
    })
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/accounts', token: lasting })).statusCode,
    ).toBe(401)
  })

  it('refuses a malformed Authorization header', async () => {
    const response = await call(t.app, {
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Basic abc' },
    })
    expect(response.json().error.code).toBe('TOKEN_INVALID')
  })
})
