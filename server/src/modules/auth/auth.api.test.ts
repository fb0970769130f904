import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, STRONG_PASSWORD, signInAs } from '../../../test/factories.js'
import { call, createTestApp, sessionCookieOf, type TestApp } from '../../../test/test-app.js'
import { HOUR, MINUTE } from '../../platform/clock.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})

const me = (cookie: string) => call(t.app, { method: 'GET', url: '/api/v1/me', cookie })

describe('sign-in and sessions (ACC-4)', () => {
  it('signs in, sets an HttpOnly SameSite=Strict cookie, and /me answers with the account', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: staff.username, password: staff.password },
    })
    expect(response.statusCode).toBe(200)
    const cookie = response.cookies.find((c) => c.name === 'custodia_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Strict')
    expect(response.json()).toMatchObject({
      username: staff.username,
      roles: ['agent'],
      pendingAction: null,
    })

    const mine = await me(sessionCookieOf(response))
    expect(mine.statusCode).toBe(200)
    expect(mine.json()).toMatchObject({ id: staff.id, authenticatedBy: 'session' })
    expect(mine.json().permissions).toContain('customers.read')
    // The console offers only the fields the server allows (ACC-1): an agent sees up to level 2.
    expect(mine.json().dataAccess).toEqual({ viewMaxLevel: 2, revealMaxLevel: 2 })
    expect(mine.body).not.toContain('password_hash')
  })

  it('refuses /me without a session', async () => {
    const response = await call(t.app, { method: 'GET', url: '/api/v1/me' })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('UNAUTHENTICATED')
  })

  it('signs out: the cookie no longer works', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['sales']))
    const out = await call(t.app, { method: 'POST', url: '/api/v1/auth/logout', cookie })
    expect(out.statusCode).toBe(204)
    expect((await me(cookie)).statusCode).toBe(401)
  })

  it('ends a session idle for longer than the idle timeout, but not an active one', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    t.clock.advance(29 * MINUTE)
    expect((await me(cookie)).statusCode).toBe(200)
    t.clock.advance(29 * MINUTE)
    expect((await me(cookie)).statusCode).toBe(200)
    t.clock.advance(31 * MINUTE)
    const expired = await me(cookie)
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error.code).toBe('SESSION_EXPIRED')
  })

  it('ends a session after its absolute lifetime even when in use', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    for (let elapsed = 0; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      t.clock.advance(20 * MINUTE)
      if (elapsed + 20 * MINUTE < 12 * HOUR) expect((await me(cookie)).statusCode).toBe(200)
    }
    expect((await me(cookie)).json().error.code).toBe('SESSION_EXPIRED')
  })

  it('locks an account after repeated failures, refuses even the right password, and unlocks later', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    for (let i = 0; i < 5; i++) {
      const failed = await call(t.app, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: staff.username, password: 'Wrong-password-1' },
      })
      expect(failed.json().error.code).toBe('INVALID_CREDENTIALS')
    }
    const locked = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: staff.username, password: staff.password },
    })
    // A lock answers like a wrong password, so it tells no one the account exists.
    expect(locked.statusCode).toBe(401)
    expect(locked.json().error.code).toBe('INVALID_CREDENTIALS')
    t.clock.advance(16 * MINUTE)
    expect(await signInAs(t.app, staff)).toBeTruthy()

    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'reason'])
      .where('target_id', '=', staff.id)
      .execute()
    expect(
      events.filter((e) => e.action === 'auth.sign_in_failed' && e.reason === 'bad_password'),
    ).toHaveLength(5)
    expect(events.some((e) => e.action === 'account.locked')).toBe(true)
    expect(events.some((e) => e.action === 'auth.sign_in_failed' && e.reason === 'locked')).toBe(
      true,
    )
  })

  it('answers an unknown username exactly like a wrong password', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody-here', password: 'whatever' },
    })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('INVALID_CREDENTIALS')
  })

  it('refuses the open session of an account the moment it is disabled', async () => {
    const admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    const staff = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, staff)
    expect((await me(cookie)).statusCode).toBe(200)
    const disabled = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${staff.id}/disable`,
      cookie: admin,
    })
    expect(disabled.json().status).toBe('disabled')
    expect((await me(cookie)).statusCode).toBe(401)
    const again = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: staff.username, password: staff.password },
    })
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED')
  })

  it('ends open sessions when the account roles change', async () => {
    const admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    // A removal takes effect at once (a grant would wait for a second person, ACC-5).
    const staff = await createStaff(t.deps, ['agent', 'sales'])
    const cookie = await signInAs(t.app, staff)
    const changed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${staff.id}`,
      cookie: admin,
      payload: { roles: ['sales'] },
    })
    expect(changed.json().roles).toEqual(['sales'])
    expect((await me(cookie)).statusCode).toBe(401)
  })

  it('refuses a state-changing request from another origin (CSRF)', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookie,
      headers: { origin: 'https://evil.example', host: 'localhost:80' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('CSRF_REJECTED')
    expect((await me(cookie)).statusCode).toBe(200)
  })
})

describe('forced password change (ACC-4)', () => {
  it('lets an account with a one-time password do nothing but change it', async () => {
    const admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: { username: 'new.sysadmin', displayName: '新管理员', roles: ['sysadmin'] },
    })
    expect(created.statusCode).toBe(201)
    const { oneTimePassword } = created.json()
    expect(oneTimePassword).toMatch(/^.{16}$/)

    const login = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'new.sysadmin', password: oneTimePassword },
    })
    expect(login.json().pendingAction).toBe('change_password')
    const cookie = sessionCookieOf(login)
    const blocked = await call(t.app, { method: 'GET', url: '/api/v1/accounts', cookie })
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED')

    const weak = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password',
      cookie,
      headers: { 'accept-language': 'en' },
      payload: { currentPassword: oneTimePassword, newPassword: 'short' },
    })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().error.fields.newPassword).toMatch(/at least 12 characters/)

    const changed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password',
      cookie,
      payload: { currentPassword: oneTimePassword, newPassword: STRONG_PASSWORD },
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.json().pendingAction).toBeNull()
    expect((await call(t.app, { method: 'GET', url: '/api/v1/accounts', cookie })).statusCode).toBe(
      200,
    )
  })

  it('asks privileged accounts to change a password older than the rotation period', async () => {
    const staff = await createStaff(t.deps, ['auditor'])
    t.clock.advance(91 * 24 * HOUR)
    const login = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: staff.username, password: staff.password },
    })
    expect(login.json().pendingAction).toBe('change_password')
  })
})
