import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, STRONG_PASSWORD, signInAs } from '../../../test/factories.js'
import { call, createTestApp, sessionCookieOf, type TestApp } from '../../../test/test-app.js'
import type { Actor } from '../../audit/audit-log.js'
import { sealAndWatch } from '../../audit/seal-and-watch.js'
import { ensureInitialAdmin, INITIAL_ADMIN } from '../../bootstrap.js'
import { systemCall } from '../../platform/http/call.js'
import { generateTotp } from '../../security/totp.js'
import { createAccount } from './accounts.service.js'

/**
 * Issue 12, item 1 replayed: a password someone else chose is changed at
 * first sign-in, whatever the route; resetting the password of an account
 * that reads customer data ends its sessions, raises an alert and keeps its
 * two-factor enrolment (ACC-4).
 */
const ADMIN_PASSWORD = 'Strong-Pass-2026!'
let t: TestApp
let admin: string

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_ADMIN_PASSWORD: ADMIN_PASSWORD })
  // First start, with the password from the environment: the operator chose it, not the holder.
  expect(await ensureInitialAdmin(t.deps)).toMatchObject({ created: true, generatedPassword: null })
  admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
})

const login = (username: string, password: string, totp?: string) =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
  })

describe('a password chosen by someone else is changed at first sign-in (ACC-4)', () => {
  it('forces the change for the first administrator whose password came from the environment', async () => {
    const first = await login(INITIAL_ADMIN, ADMIN_PASSWORD)
    expect(first.statusCode).toBe(200)
    expect(first.json().pendingAction).toBe('change_password')
    const blocked = await call(t.app, { url: '/api/v1/accounts', cookie: sessionCookieOf(first) })
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED')
  })

  it('forces it for a password an administrator typed into the API, with or without a role grant waiting', async () => {
    for (const [username, roles, status] of [
      ['typed.admin', ['sysadmin'], 201],
      ['typed.agent', ['agent'], 202],
    ] as const) {
      const created = await call(t.app, {
        method: 'POST',
        url: '/api/v1/accounts',
        cookie: admin,
        payload: { username, displayName: username, roles, password: 'Chosen-By-Admin-77' },
      })
      expect(created.statusCode).toBe(status)
      expect(created.json().account.mustChangePassword).toBe(true)
      const signIn = await login(username, 'Chosen-By-Admin-77')
      expect(signIn.json().pendingAction).toBe('change_password')
    }
  })

  it('forces it on the command line path unless the operator says the holder typed it; a signed-in caller cannot say so', async () => {
    const make = (username: string, actor: Actor, own: boolean) =>
      createAccount(systemCall(t.deps, actor), {
        username,
        displayName: username,
        roles: ['sysadmin'],
        password: STRONG_PASSWORD,
        passwordChosenByHolder: own,
      })
    const cli = { type: 'system', name: 'cli:operator' } as const
    expect((await make('cli.default', cli, false)).account.mustChangePassword).toBe(true)
    expect((await make('cli.own', cli, true)).account.mustChangePassword).toBe(false)
    const person = { type: 'account', id: crypto.randomUUID(), name: 'someone' } as const
    expect((await make('api.own', person, true)).account.mustChangePassword).toBe(true)
    const created = await t.deps.db
      .selectFrom('accounts')
      .select(['username', 'must_change_password'])
      .where('username', 'in', ['cli.default', 'cli.own'])
      .orderBy('username')
      .execute()
    expect(created).toEqual([
      { username: 'cli.default', must_change_password: true },
      { username: 'cli.own', must_change_password: false },
    ])
    const event = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_type', 'actor_name', 'details'])
      .where('action', '=', 'account.created')
      .where('actor_name', '=', 'cli:operator')
      .orderBy('id')
      .execute()
    expect(event.map((e) => e.details?.passwordChosenBy)).toEqual(['creator', 'holder'])
  })
})

describe('a password reset of an account that reads customer data (ACC-4, AUD-3)', () => {
  it('ends its sessions, raises an alert and leaves its two-factor enrolment in place', async () => {
    const compliance = await createStaff(t.deps, ['compliance'])
    const cookie = await signInAs(t.app, compliance)
    const enrol = await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie })
    const { secret } = enrol.json()
    const confirmed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie,
      payload: { code: generateTotp(secret, t.clock.now()) },
    })
    expect(confirmed.json().twoFactorEnabled).toBe(true)

    const reset = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${compliance.id}/password-reset`,
      cookie: admin,
    })
    // Split knowledge: the reset waits for a secadmin, each of the two is shown one part.
    expect(reset.statusCode).toBe(202)
    const approved = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${reset.json().approvalId}/approve`,
      cookie: await signInAs(t.app, await createStaff(t.deps, ['secadmin'])),
    })
    const oneTimePassword = `${reset.json().oneTimePasswordFirstPart}${approved.json().oneTimePasswordSecondPart}`
    const account = (
      await call(t.app, { url: `/api/v1/accounts/${compliance.id}`, cookie: admin })
    ).json()
    expect(account).toMatchObject({ twoFactorEnabled: true, mustChangePassword: true })

    // Sessions ended.
    expect((await call(t.app, { url: '/api/v1/me', cookie })).statusCode).toBe(401)
    // The one-time password alone opens nothing: the authenticator is still asked for.
    const without = await login(compliance.username, oneTimePassword)
    expect(without.json().error.code).toBe('TOTP_REQUIRED')
    t.clock.advance(30_000)
    const withCode = await login(
      compliance.username,
      oneTimePassword,
      generateTotp(secret, t.clock.now()),
    )
    expect(withCode.json().pendingAction).toBe('change_password')

    // An alert for whoever watches the trail.
    await sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)
    const alerts = await t.deps.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule', '=', 'credential_reset')
      .execute()
    expect(alerts.map((a) => a.subject)).toEqual([`account:${compliance.id}`])
    expect(alerts[0]).toMatchObject({ status: 'open', event_count: 1 })

    // Removing its two-factor as well is the second half of a takeover: the same alert grows.
    await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${compliance.id}/two-factor-reset`,
      cookie: admin,
    })
    await sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)
    const grown = await t.deps.db
      .selectFrom('alerts')
      .select(['subject', 'event_count'])
      .where('rule', '=', 'credential_reset')
      .execute()
    expect(grown).toEqual([{ subject: `account:${compliance.id}`, event_count: 2 }])
  })

  it('raises no alert for the reset of an account that reaches no customer data', async () => {
    const other = await createStaff(t.deps, ['sysadmin'])
    const reset = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${other.id}/password-reset`,
      cookie: admin,
    })
    expect(reset.statusCode).toBe(200)
    await sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)
    const alerts = await t.deps.db
      .selectFrom('alerts')
      .select('subject')
      .where('rule', '=', 'credential_reset')
      .execute()
    expect(alerts.map((a) => a.subject)).not.toContain(`account:${other.id}`)
  })
})
