import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { APPROVAL_KINDS } from '../../approval-kinds.js'
import { NO_REQUEST } from '../../audit/audit-log.js'
import { sealAndWatch } from '../../audit/seal-and-watch.js'
import type { Principal } from '../../platform/http/principal.js'
import { generateTotp } from '../../security/totp.js'
import { approvalQueue } from '../approvals/index.js'

/**
 * Issue 12, item 1 replayed (ACC-4, ACC-5): a system administrator who resets
 * both the password and the two-factor of a security administrator must not
 * be able to sign in as them. The two-factor reset of an account that reads
 * customer data or the audit trail, or authorises access, waits for a second
 * person; the password reset leaves the enrolment in place.
 */
let t: TestApp
let sysadmin: Staff
let admin: string

beforeAll(async () => {
  t = await createTestApp()
  sysadmin = await createStaff(t.deps, ['sysadmin'])
  admin = await signInAs(t.app, sysadmin)
})

const login = (username: string, password: string, totp?: string) =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
  })

/** Enrols the account's authenticator through the API; its secret. */
async function enrol(staff: Staff): Promise<string> {
  const cookie = await signInAs(t.app, staff)
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

const resetTwoFactor = (id: string) =>
  call(t.app, { method: 'POST', url: `/api/v1/accounts/${id}/two-factor-reset`, cookie: admin })

const secretOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('accounts')
      .select('totp_secret')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).totp_secret

/**
 * A password reset of a protected account: filed by the sysadmin, approved by
 * `approver` (split knowledge, both parts needed); the joined password.
 */
async function resetPassword(id: string, approver: string): Promise<string> {
  const reset = await call(t.app, {
    method: 'POST',
    url: `/api/v1/accounts/${id}/password-reset`,
    cookie: admin,
  })
  expect(reset.statusCode).toBe(202)
  const approved = await decide(approver, reset.json().approvalId, 'approve')
  expect(approved.statusCode, approved.body).toBe(200)
  return `${reset.json().oneTimePasswordFirstPart}${approved.json().oneTimePasswordSecondPart}`
}

const decide = (cookie: string, approvalId: string, step: 'approve' | 'reject', note?: string) =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/approvals/${approvalId}/${step}`,
    cookie,
    payload: note ? { note } : {},
  })

describe('a two-factor reset of a protected account waits for a second person (ACC-4, ACC-5)', () => {
  it('replays the takeover: password and two-factor reset of a secadmin leave the enrolment until another secadmin approves', async () => {
    const target = await createStaff(t.deps, ['secadmin'])
    await enrol(target)
    const other = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))

    // The attack: one system administrator resets both credentials (the password reset now
    // needs a second person too; suppose they got it).
    const oneTimePassword = await resetPassword(target.id, other)
    const asked = await resetTwoFactor(target.id)
    expect(asked.statusCode).toBe(202)
    const { approvalId, ...answer } = asked.json()
    expect(answer).toMatchObject({ id: target.id, status: 'pending_approval' })
    expect(answer.account).toMatchObject({
      twoFactorEnabled: true,
      pendingTwoFactorReset: { approvalId },
    })

    // Nothing changed: the enrolment is in place, the one-time password alone opens nothing.
    expect(await secretOf(target.id)).not.toBeNull()
    const alone = await login(target.username, oneTimePassword)
    expect(alone.statusCode).toBe(401)
    expect(alone.json().error.code).toBe('TOTP_REQUIRED')

    // The system administrator cannot decide it: no approval permission at all.
    expect((await decide(admin, approvalId, 'approve')).statusCode).toBe(403)
    expect(await secretOf(target.id)).not.toBeNull()

    // The queue shows it to a second security administrator, who approves.
    const queue = await call(t.app, { url: '/api/v1/approvals?kind=totp_reset', cookie: other })
    expect(queue.json().items).toEqual([
      expect.objectContaining({
        id: approvalId,
        kind: 'totp_reset',
        requestedBy: { id: sysadmin.id, username: sysadmin.username },
        details: expect.objectContaining({ accountId: target.id, roles: ['secadmin'] }),
      }),
    ])
    const approved = await decide(other, approvalId, 'approve')
    expect(approved.statusCode).toBe(200)
    expect(approved.json().status).toBe('approved')
    expect(await secretOf(target.id)).toBeNull()
    const after = await call(t.app, { url: `/api/v1/accounts/${target.id}`, cookie: admin })
    expect(after.json()).toMatchObject({ twoFactorEnabled: false, pendingTwoFactorReset: null })
    // Now (and only now) the one-time password signs in; the account must change it.
    expect((await login(target.username, oneTimePassword)).json().pendingAction).toBe(
      'change_password',
    )

    // The request, the decision and the reset are on the audit trail.
    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'target_id', 'details'])
      .where((eb) => eb.or([eb('target_id', '=', target.id), eb('target_id', '=', approvalId)]))
      .where('action', 'in', [
        'account.totp_reset_requested',
        'approval.requested',
        'approval.approved',
        'account.totp_reset',
      ])
      .orderBy('id')
      .execute()
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['approval.requested', sysadmin.id],
      ['account.totp_reset_requested', sysadmin.id],
      ['account.totp_reset', expect.any(String)],
      ['approval.approved', expect.any(String)],
    ])
    expect(events[2]?.actor_id).not.toBe(sysadmin.id)
    expect(events[2]?.details).toMatchObject({ approval: approvalId, requestedBy: sysadmin.id })

    // The credential_reset alert fired at request time: the password reset and the request.
    await sealAndWatch(t.deps.db, t.deps.auditSigner, t.clock)
    const alert = await t.deps.db
      .selectFrom('alerts')
      .select(['event_count'])
      .where('rule', '=', 'credential_reset')
      .where('subject', '=', `account:${target.id}`)
      .executeTakeFirstOrThrow()
    expect(alert.event_count).toBe(2)
  })

  it('covers the reverse order: two-factor first, then the password — the enrolment still stands', async () => {
    const target = await createStaff(t.deps, ['compliance'])
    await enrol(target)
    expect((await resetTwoFactor(target.id)).statusCode).toBe(202)
    const oneTimePassword = await resetPassword(
      target.id,
      await signInAs(t.app, await createStaff(t.deps, ['secadmin'])),
    )
    expect((await login(target.username, oneTimePassword)).json().error.code).toBe('TOTP_REQUIRED')
    expect(await secretOf(target.id)).not.toBeNull()
  })

  it('lets neither the requester nor the account itself decide, even holding the permission', async () => {
    const target = await createStaff(t.deps, ['agent'])
    await enrol(target)
    const { approvalId } = (await resetTwoFactor(target.id)).json()
    const holding = (who: Staff): Principal => ({
      accountId: who.id,
      username: who.username,
      roles: ['secadmin'],
      departmentId: null,
      permissions: new Set(['approvals.review', 'two-factor-resets.approve']),
      data: { scopes: [], viewMaxLevel: 0, revealMaxLevel: 0 },
      actor: { type: 'account', id: who.id, name: who.username },
      via: 'token',
      tokenId: 'test',
    })
    for (const [who, reason] of [
      [sysadmin, 'own_request'],
      [target, 'own_account'],
    ] as const) {
      await expect(
        approvalQueue(APPROVAL_KINDS).decide(
          { deps: t.deps, principal: holding(who), context: NO_REQUEST, now: t.deps.clock.now() },
          approvalId,
          { decision: 'approve', note: undefined },
        ),
      ).rejects.toMatchObject({ code: 'APPROVAL_SECOND_PERSON' })
      const refusal = await t.deps.db
        .selectFrom('audit_events')
        .select(['action', 'reason'])
        .where('target_id', '=', approvalId)
        .where('actor_id', '=', who.id)
        .where('outcome', '=', 'denied')
        .executeTakeFirstOrThrow()
      expect(refusal).toEqual({ action: 'approval.approved', reason })
    }
    expect(await secretOf(target.id)).not.toBeNull()
  })

  it('lets compliance decide a secadmin’s reset (the only secadmin), but not a data account’s', async () => {
    const compliance = await signInAs(t.app, await createStaff(t.deps, ['compliance']))
    const secadmin = await createStaff(t.deps, ['secadmin'])
    await enrol(secadmin)
    const agent = await createStaff(t.deps, ['agent'])
    await enrol(agent)
    const forSecadmin = (await resetTwoFactor(secadmin.id)).json().approvalId
    const forAgent = (await resetTwoFactor(agent.id)).json().approvalId

    const queue = await call(t.app, {
      url: '/api/v1/approvals?kind=totp_reset',
      cookie: compliance,
    })
    const listed = queue.json().items.map((a: { id: string }) => a.id)
    expect(listed).toContain(forSecadmin)
    expect(listed).not.toContain(forAgent)
    for (const step of ['approve', 'reject'] as const) {
      const refused = await decide(compliance, forAgent, step, 'not mine')
      expect(refused.statusCode).toBe(404)
      expect(refused.json().error.code).toBe('APPROVAL_NOT_FOUND')
    }
    expect(await secretOf(agent.id)).not.toBeNull()

    expect((await decide(compliance, forSecadmin, 'approve')).statusCode).toBe(200)
    expect(await secretOf(secadmin.id)).toBeNull()
  })

  it('does not apply a request once the account enrolled anew', async () => {
    const approver = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))
    const target = await createStaff(t.deps, ['sales'])
    await enrol(target)
    const { approvalId } = (await resetTwoFactor(target.id)).json()
    // Meanwhile the enrolment changed (e.g. reset on the command line's path and set up again).
    await t.deps.db
      .updateTable('accounts')
      .set({ totp_enabled_at: t.clock.now() })
      .where('id', '=', target.id)
      .execute()
    const stale = await decide(approver, approvalId, 'approve')
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('APPROVAL_STALE')
    expect(await secretOf(target.id)).not.toBeNull()
  })

  it('resets a sysadmin-only account’s two-factor at once, as before', async () => {
    const other = await createStaff(t.deps, ['sysadmin'])
    await enrol(other)
    const reset = await resetTwoFactor(other.id)
    expect(reset.statusCode).toBe(200)
    expect(reset.json()).toMatchObject({
      id: other.id,
      twoFactorEnabled: false,
      pendingTwoFactorReset: null,
    })
    expect(await secretOf(other.id)).toBeNull()
  })

  it('waits too for an account whose protected role grant is still pending', async () => {
    const target = await createStaff(t.deps, ['sysadmin'])
    await enrol(target)
    // Taking the admin role away (direct) and asking for a data role (pending) leaves it roleless.
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${target.id}`,
      cookie: admin,
      payload: { roles: ['agent'] },
    })
    expect(patched.statusCode).toBe(202)
    const asked = await resetTwoFactor(target.id)
    expect(asked.statusCode).toBe(202)
    expect(await secretOf(target.id)).not.toBeNull()
  })
})
