import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY, MINUTE } from '../../platform/clock.js'
import { generateTotp } from '../../security/totp.js'

let t: TestApp
beforeAll(async () => {
  // Two-factor for the administrator roles, as by default in production; not for agents.
  t = await createTestApp({ CUSTODIA_MFA_REQUIRED_ROLES: 'sysadmin,secadmin,auditor' })
})

const STEP = 30_000

const mint = (cookie: string, payload: Record<string, unknown>) =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/tokens',
    cookie,
    payload: { name: 'integration', scopes: ['accounts.read'], ...payload },
  })

const use = (token: string) => call(t.app, { method: 'GET', url: '/api/v1/me', token })

const list = async (cookie: string) =>
  (await call(t.app, { method: 'GET', url: '/api/v1/tokens', cookie })).json()

/** A sysadmin who has enrolled TOTP and signed in with a code; its secret and session. */
async function enrolledAdmin(): Promise<{ staff: Staff; secret: string; cookie: string }> {
  const staff = await createStaff(t.deps, ['sysadmin'])
  const first = await signInAs(t.app, staff)
  const { secret } = (
    await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie: first })
  ).json()
  await call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/totp/confirm',
    cookie: first,
    payload: { code: generateTotp(secret, t.clock.now()) },
  })
  t.clock.advance(STEP)
  const cookie = await signInAs(t.app, staff, generateTotp(secret, t.clock.now()))
  t.clock.advance(STEP)
  return { staff, secret, cookie }
}

describe('every API token expires (ACC-4)', () => {
  it('gives a token 90 days by default, allows up to 365, and refuses more', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    const now = t.clock.now().getTime()
    const byDefault = await mint(cookie, { scopes: ['customers.read'] })
    expect(byDefault.statusCode).toBe(201)
    expect(Date.parse(byDefault.json().details.expiresAt)).toBe(now + 90 * DAY)
    const longest = await mint(cookie, { scopes: ['customers.read'], expiresInDays: 365 })
    expect(Date.parse(longest.json().details.expiresAt)).toBe(now + 365 * DAY)
    for (const expiresInDays of [366, 0, 100_000]) {
      const refused = await mint(cookie, { scopes: ['customers.read'], expiresInDays })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error.code).toBe('VALIDATION_FAILED')
    }
    const { policy, items } = await list(cookie)
    expect(policy).toEqual({ totpRequired: false, defaultDays: 90, maxDays: 365 })
    expect(items.every((item: { expiresAt: string | null }) => item.expiresAt !== null)).toBe(true)

    const token = byDefault.json().token
    expect((await use(token)).statusCode).toBe(200)
    t.clock.advance(90 * DAY)
    expect((await use(token)).json().error.code).toBe('TOKEN_INVALID')
    expect((await use(longest.json().token)).statusCode).toBe(200)
  })
})

describe('tokens of roles that must use two-factor (ACC-4)', () => {
  it('are minted only with a fresh TOTP code, never a replayed one, and for at most 30 days', async () => {
    const { staff, secret, cookie } = await enrolledAdmin()
    expect((await list(cookie)).policy).toEqual({
      totpRequired: true,
      defaultDays: 30,
      maxDays: 30,
    })

    // The attack: an open session alone mints a year-long token.
    const sessionOnly = await mint(cookie, { expiresInDays: 365 })
    expect(sessionOnly.statusCode).toBe(400)
    const withoutCode = await mint(cookie, {})
    expect(withoutCode.json().error.code).toBe('TOKEN_TOTP_REQUIRED')
    expect(withoutCode.json().error.fields.totp).toBeTruthy()

    const code = generateTotp(secret, t.clock.now())
    const tooLong = await mint(cookie, { totp: code, expiresInDays: 31 })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().error.fields.expiresInDays).toMatch(/30/)

    const now = t.clock.now().getTime()
    const minted = await mint(cookie, { totp: code })
    expect(minted.statusCode).toBe(201)
    expect(Date.parse(minted.json().details.expiresAt)).toBe(now + 30 * DAY)
    expect((await use(minted.json().token)).statusCode).toBe(200)

    // The same code again (the one sign-in used, or the one just used) is refused.
    const replay = await mint(cookie, { totp: code })
    expect(replay.json().error.code).toBe('TOKEN_TOTP_INVALID')

    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('actor_id', '=', staff.id)
      .where('action', 'in', ['token.created', 'token.create_failed'])
      .execute()
    expect(events).toContainEqual({ action: 'token.created', reason: null })
    expect(events).toContainEqual({ action: 'token.create_failed', reason: 'bad_totp' })
  })

  it('counts wrong codes against the sign-in lockout', async () => {
    const { staff, secret, cookie } = await enrolledAdmin()
    for (let i = 0; i < 5; i++) {
      const wrong = await mint(cookie, { totp: '000000' })
      expect(wrong.json().error.code).toBe('TOKEN_TOTP_INVALID')
    }
    const locked = await mint(cookie, { totp: generateTotp(secret, t.clock.now()) })
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED')
    const signIn = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        username: staff.username,
        password: staff.password,
        totp: generateTotp(secret, t.clock.now()),
      },
    })
    expect(signIn.json().error.code).toBe('INVALID_CREDENTIALS')
  })

  it('stop working when minted without a code or older than 30 days, whatever their stored expiry', async () => {
    const { secret, cookie } = await enrolledAdmin()
    const minted = await mint(cookie, { totp: generateTotp(secret, t.clock.now()) })
    const { token, details } = minted.json()
    // A token from before this rule: no two-factor mark, a year to run.
    await t.deps.db
      .updateTable('api_tokens')
      .set({ minted_with_totp: false })
      .where('id', '=', details.id)
      .execute()
    expect((await use(token)).json().error.code).toBe('TOKEN_INVALID')

    await t.deps.db
      .updateTable('api_tokens')
      .set({
        minted_with_totp: true,
        expires_at: new Date(t.clock.now().getTime() + 365 * DAY),
      })
      .where('id', '=', details.id)
      .execute()
    expect((await use(token)).statusCode).toBe(200)
    t.clock.advance(30 * DAY)
    expect((await use(token)).json().error.code).toBe('TOKEN_INVALID')
  })
})

describe('the token list shows last use (ACC-4)', () => {
  it('records the last use, at most once a minute', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    const { token, details } = (await mint(cookie, { scopes: ['customers.read'] })).json()
    const lastUse = async () =>
      (await list(cookie)).items.find((item: { id: string }) => item.id === details.id).lastUsedAt
    expect(await lastUse()).toBeNull()

    const first = t.clock.now().toISOString()
    await use(token)
    expect(await lastUse()).toBe(first)
    t.clock.advance(20_000)
    await use(token)
    expect(await lastUse()).toBe(first)
    t.clock.advance(MINUTE)
    await use(token)
    expect(await lastUse()).toBe(t.clock.now().toISOString())
  })
})

describe('a token does not mint tokens (ACC-4)', () => {
  it('refuses minting through a token, so a token cannot outlive itself', async () => {
    const cookie = await signInAs(t.app, await createStaff(t.deps, ['agent']))
    const { token } = (await mint(cookie, { scopes: ['tokens.own'] })).json()
    const again = await call(t.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      token,
      payload: { name: 'child', scopes: ['tokens.own'], expiresInDays: 365 },
    })
    expect(again.statusCode).toBe(403)
  })
})
