import { beforeAll, describe, expect, it } from 'vitest'
import {
  createDepartment,
  createStaff,
  STRONG_PASSWORD,
  type Staff,
  signInAs,
} from '../../../test/factories.js'
import { call, createTestApp, sessionCookieOf, type TestApp } from '../../../test/test-app.js'
import { sealAndWatch } from '../../audit/seal-and-watch.js'
import { generateTotp } from '../../security/totp.js'
import { joinParts, PART_LENGTH } from './split-credentials.js'

/**
 * Issue 12, item 1 replayed (ACC-4, ACC-5, 双人分段的一次性密码): the system
 * administrator must never end up alone knowing a credential that reaches
 * customer data or the audit trail — not by signing in as an account whose
 * grant waits, not by resetting the password of a data account that never
 * enrolled two-factor, not by resetting a role-less account and then asking
 * for a grant.
 */
let t: TestApp
let sysadmin: Staff
let admin: string
let secadmin: Staff
let approver: string
let department: string

beforeAll(async () => {
  t = await createTestApp()
  department = await createDepartment(t.deps, '合规部')
  sysadmin = await createStaff(t.deps, ['sysadmin'])
  admin = await signInAs(t.app, sysadmin)
  secadmin = await createStaff(t.deps, ['secadmin'])
  approver = await signInAs(t.app, secadmin)
})

const login = (username: string, password: string, totp?: string) =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
  })

const approve = (approvalId: string) =>
  call(t.app, { method: 'POST', url: `/api/v1/approvals/${approvalId}/approve`, cookie: approver })

const accountRow = (id: string) =>
  t.deps.db
    .selectFrom('accounts')
    .select(['totp_secret', 'must_change_password'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

const storedPayload = async (approvalId: string) =>
  JSON.stringify(
    (
      await t.deps.db
        .selectFrom('approvals')
        .select('payload')
        .where('id', '=', approvalId)
        .executeTakeFirstOrThrow()
    ).payload,
  )

/** Signs in with a password that must be changed, changes it, and returns a full session. */
async function takeOver(username: string, password: string): Promise<string> {
  const first = await login(username, password)
  expect(first.json().pendingAction, first.body).toBe('change_password')
  const changed = await call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/password',
    cookie: sessionCookieOf(first),
    payload: { currentPassword: password, newPassword: STRONG_PASSWORD },
  })
  expect(changed.statusCode, changed.body).toBe(200)
  return sessionCookieOf(await login(username, STRONG_PASSWORD))
}

async function enrolTotp(cookie: string): Promise<string> {
  const { secret } = (
    await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie })
  ).json()
  const confirmed = await call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/totp/confirm',
    cookie,
    payload: { code: generateTotp(secret, t.clock.now()) },
  })
  expect(confirmed.json().twoFactorEnabled).toBe(true)
  t.clock.advance(30_000)
  return secret
}

describe('a grant of protected access re-issues split credentials (ACC-4, ACC-5)', () => {
  it('replays the attack: a sysadmin creates a compliance account, signs in as it and enrols TOTP; after approval none of that works, only the two parts joined', async () => {
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: {
        username: 'zhou.compliance',
        displayName: '周合规',
        roles: ['compliance'],
        departmentId: department,
      },
    })
    expect(created.statusCode).toBe(202)
    const body = created.json()
    // The requester is shown only the first part; no whole password.
    expect(body.oneTimePassword).toBeUndefined()
    expect(body.oneTimePasswordFirstPart).toHaveLength(PART_LENGTH)
    const firstPart: string = body.oneTimePasswordFirstPart
    // Stored only sealed.
    expect(await storedPayload(body.approvalId)).not.toContain(firstPart)
    expect(await storedPayload(body.approvalId)).toContain('sealedFirstPart')
    // The first part alone opens nothing, before or after.
    expect((await login('zhou.compliance', firstPart)).statusCode).toBe(401)

    // Resetting the waiting account's password does not hand the sysadmin a whole one either.
    const reset = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${body.id}/password-reset`,
      cookie: admin,
    })
    // A pending grant of compliance counts as protected access: the reset waits too.
    expect(reset.statusCode).toBe(202)
    expect(reset.json().account.pendingPasswordReset).toMatchObject({
      approvalId: reset.json().approvalId,
    })

    // The other way in: an account that reaches no customer data (here a sysadmin-only one,
    // created, or reset, at once); the sysadmin signs in as it, sets a password, enrols TOTP
    // and mints a token.
    const roleless = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: { username: 'li.later', displayName: '李后来', roles: ['sysadmin'] },
    })
    expect(roleless.statusCode).toBe(201)
    const rolelessId: string = roleless.json().account.id
    const held = await takeOver('li.later', roleless.json().oneTimePassword)
    const secret = await enrolTotp(held)
    const token = await call(t.app, {
      method: 'POST',
      url: '/api/v1/tokens',
      cookie: held,
      payload: {
        name: 'keep',
        scopes: ['accounts.read'],
        totp: generateTotp(secret, t.clock.now()),
      },
    })
    expect(token.statusCode, token.body).toBe(201)
    t.clock.advance(30_000)
    // Now a grant of compliance (removing sysadmin) is asked for by the sysadmin who holds all that.
    const asked = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${rolelessId}`,
      cookie: admin,
      payload: { roles: ['compliance'] },
    })
    expect(asked.statusCode).toBe(202)
    const askedPart: string = asked.json().oneTimePasswordFirstPart
    expect(askedPart).toHaveLength(PART_LENGTH)

    const approved = await approve(asked.json().approvalId)
    expect(approved.statusCode, approved.body).toBe(200)
    const secondPart: string = approved.json().oneTimePasswordSecondPart
    expect(secondPart).toHaveLength(PART_LENGTH)
    // Erased from the request once decided.
    expect(await storedPayload(asked.json().approvalId)).not.toContain('sealedFirstPart')

    // The sysadmin's password no longer works; sessions and tokens ended.
    expect((await login('li.later', STRONG_PASSWORD)).statusCode).toBe(401)
    expect((await call(t.app, { url: '/api/v1/me', cookie: held })).statusCode).toBe(401)
    const bearer = { authorization: `Bearer ${token.json().token}` }
    expect((await call(t.app, { url: '/api/v1/me', headers: bearer })).statusCode).toBe(401)
    // Two-factor cleared: whoever enrolled it may have been the requester.
    expect((await accountRow(rolelessId)).totp_secret).toBeNull()
    // Neither part alone works (three failures in all: the lockout stops at five).
    expect((await login('li.later', askedPart)).statusCode).toBe(401)
    expect((await login('li.later', secondPart)).statusCode).toBe(401)
    // The joined parts sign in and force a change.
    const joined = await login('li.later', joinParts(askedPart, secondPart))
    expect(joined.statusCode).toBe(200)
    expect(joined.json().pendingAction).toBe('change_password')

    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'details'])
      .where('target_id', '=', rolelessId)
      .where('action', '=', 'account.credentials_reissued')
      .execute()
    expect(events).toEqual([
      expect.objectContaining({
        actor_id: secadmin.id,
        details: expect.objectContaining({ cause: 'role_grant', twoFactorCleared: true }),
      }),
    ])
    // No part of the password on the trail.
    const trail = JSON.stringify(await t.deps.db.selectFrom('audit_events').selectAll().execute())
    expect(trail).not.toContain(askedPart)
    expect(trail).not.toContain(secondPart)
  })

  it('gives the created account its password only as two parts joined', async () => {
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: { username: 'wu.sales', displayName: '吴销售', roles: ['sales'] },
    })
    const { approvalId, oneTimePasswordFirstPart, id } = created.json()
    const approved = await approve(approvalId)
    const { oneTimePasswordSecondPart } = approved.json()
    expect((await login('wu.sales', oneTimePasswordFirstPart)).statusCode).toBe(401)
    expect((await login('wu.sales', oneTimePasswordSecondPart)).statusCode).toBe(401)
    const joined = await login(
      'wu.sales',
      joinParts(oneTimePasswordFirstPart, oneTimePasswordSecondPart),
    )
    expect(joined.json().pendingAction).toBe('change_password')
    expect((await accountRow(id)).must_change_password).toBe(true)
    // The approval answer shows the part once: the queue never shows it again.
    const listed = await call(t.app, { url: '/api/v1/approvals?status=approved', cookie: approver })
    expect(listed.body).not.toContain(oneTimePasswordSecondPart)
  })

  it('refuses a grant whose requester no longer files grants, and withdraws it', async () => {
    const other = await createStaff(t.deps, ['sysadmin'])
    const otherCookie = await signInAs(t.app, other)
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: otherCookie,
      payload: { username: 'zheng.agent', displayName: '郑客服', roles: ['agent'] },
    })
    expect(created.statusCode).toBe(202)
    // The requester is disabled before the decision.
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: `/api/v1/accounts/${other.id}/disable`,
          cookie: admin,
        })
      ).statusCode,
    ).toBe(200)
    const stale = await approve(created.json().approvalId)
    expect(stale.json().error.code).toBe('APPROVAL_STALE')
    const row = await t.deps.db
      .selectFrom('approvals')
      .select(['status', 'payload'])
      .where('id', '=', created.json().approvalId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('withdrawn')
    expect(JSON.stringify(row.payload)).not.toContain('sealedFirstPart')
    const withdrawn = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_id', 'reason'])
      .where('target_id', '=', created.json().approvalId)
      .where('action', '=', 'approval.withdrawn')
      .execute()
    expect(withdrawn).toEqual([{ actor_id: secadmin.id, reason: 'stale' }])
  })
})

describe('a password reset of a protected account is split knowledge too (ACC-4, ACC-5)', () => {
  it('replays the attack: a sysadmin resets a manager that never enrolled two-factor; the old password works until a secadmin approves, then only the joined parts', async () => {
    const manager = await createStaff(t.deps, ['manager'], { departmentId: department })
    const managerCookie = await signInAs(t.app, manager)

    const reset = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${manager.id}/password-reset`,
      cookie: admin,
    })
    expect(reset.statusCode).toBe(202)
    const body = reset.json()
    expect(body).toMatchObject({ id: manager.id, status: 'pending_approval' })
    expect(body.oneTimePassword).toBeUndefined()
    const firstPart: string = body.oneTimePasswordFirstPart
    expect(firstPart).toHaveLength(PART_LENGTH)
    expect(await storedPayload(body.approvalId)).not.toContain(firstPart)

    // Nothing changed yet: the old password and the open session still work; the part alone fails.
    expect((await call(t.app, { url: '/api/v1/me', cookie: managerCookie })).statusCode).toBe(200)
    expect((await login(manager.username, manager.password)).json().pendingAction).toBeNull()
    expect((await login(manager.username, firstPart)).statusCode).toBe(401)
    // The sysadmin cannot decide it.
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: `/api/v1/approvals/${body.approvalId}/approve`,
          cookie: admin,
        })
      ).statusCode,
    ).toBe(403)

    // The secadmin sees it in the queue and approves.
    const queue = await call(t.app, {
      url: '/api/v1/approvals?kind=password_reset',
      cookie: approver,
    })
    expect(queue.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: body.approvalId,
          kind: 'password_reset',
          details: expect.objectContaining({ accountId: manager.id, roles: ['manager'] }),
        }),
      ]),
    )
    const approved = await approve(body.approvalId)
    expect(approved.statusCode, approved.body).toBe(200)
    const secondPart: string = approved.json().oneTimePasswordSecondPart
    expect(secondPart).toHaveLength(PART_LENGTH)

    expect((await call(t.app, { url: '/api/v1/me', cookie: managerCookie })).statusCode).toBe(401)
    expect((await login(manager.username, manager.password)).statusCode).toBe(401)
    expect((await login(manager.username, firstPart)).statusCode).toBe(401)
    expect((await login(manager.username, secondPart)).statusCode).toBe(401)
    const joined = await login(manager.username, joinParts(firstPart, secondPart))
    expect(joined.json().pendingAction).toBe('change_password')

    // The alert fired at request time, once.
    await sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)
    const alert = await t.deps.db
      .selectFrom('alerts')
      .select('event_count')
      .where('rule', '=', 'credential_reset')
      .where('subject', '=', `account:${manager.id}`)
      .executeTakeFirstOrThrow()
    expect(alert.event_count).toBe(1)
  })

  it('leaves the two-factor enrolment of an enrolled account in place', async () => {
    const agent = await createStaff(t.deps, ['agent'], { departmentId: department })
    const secret = await enrolTotp(await signInAs(t.app, agent))
    const reset = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${agent.id}/password-reset`,
      cookie: admin,
    })
    const approved = await approve(reset.json().approvalId)
    const password = joinParts(
      reset.json().oneTimePasswordFirstPart,
      approved.json().oneTimePasswordSecondPart,
    )
    expect((await accountRow(agent.id)).totp_secret).not.toBeNull()
    expect((await login(agent.username, password)).json().error.code).toBe('TOTP_REQUIRED')
    const withCode = await login(agent.username, password, generateTotp(secret, t.clock.now()))
    expect(withCode.json().pendingAction).toBe('change_password')
  })

  it('resets an account without protected access at once, as before', async () => {
    const other = await createStaff(t.deps, ['sysadmin'])
    const reset = await call(t.app, {
      method: 'POST',
      url: `/api/v1/accounts/${other.id}/password-reset`,
      cookie: admin,
    })
    expect(reset.statusCode).toBe(200)
    expect(reset.json().oneTimePassword).toHaveLength(16)
  })
})
