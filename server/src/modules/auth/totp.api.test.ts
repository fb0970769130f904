import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, sessionCookieOf, type TestApp } from '../../../test/test-app.js'
import { generateTotp } from '../../security/totp.js'

let t: TestApp
beforeAll(async () => {
  // Two-factor required for sysadmins, as it is by default in production.
  t = await createTestApp({ CUSTODIA_MFA_REQUIRED_ROLES: 'sysadmin,secadmin,auditor' })
})

const login = (username: string, password: string, totp?: string) =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
  })

describe('two-factor sign-in with TOTP (ACC-4)', () => {
  it('makes a privileged account enrol before anything else, then requires a fresh code at every sign-in', async () => {
    const staff = await createStaff(t.deps, ['sysadmin'])
    const first = await login(staff.username, staff.password)
    expect(first.json().pendingAction).toBe('enrol_totp')
    const cookie = sessionCookieOf(first)
    const blocked = await call(t.app, { method: 'GET', url: '/api/v1/accounts', cookie })
    expect(blocked.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED')

    const enrol = await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie })
    expect(enrol.statusCode).toBe(200)
    const { secret, otpauthUri } = enrol.json()
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Custodia:/)

    const wrong = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie,
      payload: { code: '000000' },
    })
    expect(wrong.json().error.code).toBe('TOTP_INVALID')
    const confirmed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie,
      payload: { code: generateTotp(secret, t.clock.now()) },
    })
    expect(confirmed.statusCode).toBe(200)
    expect(confirmed.json()).toMatchObject({ twoFactorEnabled: true, pendingAction: null })
    expect((await call(t.app, { method: 'GET', url: '/api/v1/accounts', cookie })).statusCode).toBe(
      200,
    )

    // The secret is stored sealed, never as the base32 text the app showed.
    const row = await t.deps.db
      .selectFrom('accounts')
      .select('totp_secret')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow()
    expect(row.totp_secret).not.toContain(secret)

    const withoutCode = await login(staff.username, staff.password)
    expect(withoutCode.json().error.code).toBe('TOTP_REQUIRED')

    t.clock.advance(60_000)
    const code = generateTotp(secret, t.clock.now())
    const withCode = await login(staff.username, staff.password, code)
    expect(withCode.statusCode).toBe(200)
    expect(withCode.json().pendingAction).toBeNull()

    const replay = await login(staff.username, staff.password, code)
    expect(replay.json().error.code).toBe('TOTP_INVALID')
  })

  it('counts wrong codes towards the lockout', async () => {
    const staff = await createStaff(t.deps, ['secadmin'])
    const cookie = sessionCookieOf(await login(staff.username, staff.password))
    const { secret } = (
      await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie })
    ).json()
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie,
      payload: { code: generateTotp(secret, t.clock.now()) },
    })
    for (let i = 0; i < 5; i++) await login(staff.username, staff.password, '123456')
    t.clock.advance(60_000)
    const locked = await login(staff.username, staff.password, generateTotp(secret, t.clock.now()))
    // A lock answers like a wrong password; the account row shows it.
    expect(locked.json().error.code).toBe('INVALID_CREDENTIALS')
    const row = await t.deps.db
      .selectFrom('accounts')
      .select('locked_until')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow()
    expect(row.locked_until?.getTime()).toBeGreaterThan(t.clock.now().getTime())
  })

  it('lets an administrator reset a lost authenticator, ending the account sessions', async () => {
    const admin = await createStaff(t.deps, ['sysadmin'])
    const adminCookie = sessionCookieOf(await login(admin.username, admin.password))
    const { secret } = (
      await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie: adminCookie })
    ).json()
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie: adminCookie,
      payload: { code: generateTotp(secret, t.clock.now()) },
    })

    const auditor = await createStaff(t.deps, ['auditor'])
    const auditorCookie = sessionCookieOf(await login(auditor.username, auditor.password))
    const enrol = (
      await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie: auditorCookie })
    ).json()
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie: auditorCookie,
      payload: { code: generateTotp(enrol.secret, t.clock.now()) },
    })

    const asked = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${auditor.id}/two-factor-reset`,
      cookie: adminCookie,
    })
    // An auditor's reset waits for a second person, a security administrator.
    expect(asked.statusCode).toBe(202)
    const secadmin = await createStaff(t.deps, ['secadmin'])
    const secadminCookie = sessionCookieOf(await login(secadmin.username, secadmin.password))
    const secadminEnrol = (
      await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie: secadminCookie })
    ).json()
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie: secadminCookie,
      payload: { code: generateTotp(secadminEnrol.secret, t.clock.now()) },
    })
    const approved = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
      cookie: secadminCookie,
      payload: {},
    })
    expect(approved.statusCode).toBe(200)
    const reset = await call(t.app, { url: `/api/v1/accounts/${auditor.id}`, cookie: adminCookie })
    expect(reset.json().twoFactorEnabled).toBe(false)
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/me', cookie: auditorCookie })).statusCode,
    ).toBe(401)
    expect((await login(auditor.username, auditor.password)).json().pendingAction).toBe(
      'enrol_totp',
    )
  })

  it('does not ask an account without a privileged role to enrol', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/me', cookie })).json().pendingAction,
    ).toBeNull()
  })

  it('shows the same secret until it is confirmed, puts a wrong code on the trail, and starts again after a password change (ACC-4, AUD-1)', async () => {
    const staff = await createStaff(t.deps, ['sysadmin'])
    const cookie = sessionCookieOf(await login(staff.username, staff.password))
    const enrol = () => call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie })
    const first = (await enrol()).json()
    // Reloading the page: the QR code scanned a moment ago still holds.
    expect((await enrol()).json()).toEqual(first)

    const wrong = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie,
      payload: { code: '000000' },
    })
    expect(wrong.json().error.code).toBe('TOTP_INVALID')
    const refused = await t.deps.db
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'auth.totp_enrolment_failed')
      .where('target_id', '=', staff.id)
      .execute()
    expect(refused).toEqual([{ outcome: 'denied', reason: 'bad_totp' }])

    // After a password change, whoever saw the old secret cannot have it confirmed.
    const changed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password',
      cookie,
      payload: { currentPassword: staff.password, newPassword: 'Quiet-Harbour-Lamp-907' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect((await enrol()).json().secret).not.toBe(first.secret)
  })
})
