import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import {
  createDepartment,
  createStaff,
  STRONG_PASSWORD,
  type Staff,
  signInAs,
} from '../../../test/factories.js'
import { call, createTestApp, sessionCookieOf, type TestApp } from '../../../test/test-app.js'
import { APPROVAL_KINDS } from '../../approval-kinds.js'
import { NO_REQUEST } from '../../audit/audit-log.js'
import type { Principal } from '../../platform/http/principal.js'
import { approvalQueue } from '../approvals/index.js'

/**
 * Issue 12, item 1 replayed: one administrator alone must not reach customer
 * data or the audit trail (ACC-1 三员分立, ACC-5 two-person rule).
 */
let t: TestApp
let sysadmin: Staff
let admin: string
let secadmin: Staff
let approver: string
let department: string
let customerId: string

beforeAll(async () => {
  t = await createTestApp()
  department = await createDepartment(t.deps, '零售业务部')
  sysadmin = await createStaff(t.deps, ['sysadmin'])
  admin = await signInAs(t.app, sysadmin)
  secadmin = await createStaff(t.deps, ['secadmin'])
  approver = await signInAs(t.app, secadmin)
  const manager = await signInAs(
    t.app,
    await createStaff(t.deps, ['manager'], { departmentId: department }),
  )
  customerId = await createCustomerAs(t.app, manager, individual())
})

const login = (username: string, password: string) =>
  call(t.app, { method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })

const rolesOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('account_roles')
      .select('role')
      .where('account_id', '=', id)
      .orderBy('role')
      .execute()
  ).map((r) => r.role)

const eventsOn = (type: string, id: string) =>
  t.deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .orderBy('id')
    .execute()

describe('separation of duties (ACC-1, 三员分立)', () => {
  it('refuses a sysadmin who adds compliance to its own account; signed in again, it reveals nothing and reads no audit trail', async () => {
    for (const roles of [['sysadmin', 'compliance'], ['compliance'], ['sysadmin', 'auditor']]) {
      const patched = await call(t.app, {
        method: 'PATCH',
        url: `/api/v1/accounts/${sysadmin.id}`,
        cookie: admin,
        headers: { 'accept-language': 'en' },
        payload: { roles },
      })
      // Refused before anything else: nobody changes their own roles.
      expect(patched.statusCode).toBe(403)
      expect(patched.json().error.code).toBe('OWN_ROLES_CHANGE')
    }
    const own = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${sysadmin.id}`,
      cookie: admin,
      payload: { roles: ['compliance'] },
    })
    expect(own.json().error).toMatchObject({
      code: 'OWN_ROLES_CHANGE',
      fields: { roles: '不能修改自己的角色。' },
    })
    expect(await rolesOf(sysadmin.id)).toEqual(['sysadmin'])

    const again = sessionCookieOf(await login(sysadmin.username, sysadmin.password))
    const reveal = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${customerId}/reveal`,
      cookie: again,
      payload: { fields: ['idNumber', 'bankCards'], purpose: 'legal' },
    })
    expect(reveal.statusCode).toBe(403)
    expect(
      (await call(t.app, { url: `/api/v1/customers/${customerId}`, cookie: again })).statusCode,
    ).toBe(403)
    expect((await call(t.app, { url: '/api/v1/audit/events', cookie: again })).statusCode).toBe(403)
    // Nor does it slip the grant into an approval of its own.
    expect(
      await t.deps.db
        .selectFrom('approvals')
        .select('id')
        .where('subject_id', '=', sysadmin.id)
        .execute(),
    ).toEqual([])
  })

  it('refuses to create any account that mixes an administrator role with another administrator or a data role, storing nothing', async () => {
    const combinations = [
      ['sysadmin', 'compliance'],
      ['secadmin', 'compliance'],
      ['auditor', 'compliance'],
      ['auditor', 'manager'],
      ['sysadmin', 'agent'],
      ['secadmin', 'sales'],
      ['auditor', 'complaints'],
      ['sysadmin', 'secadmin'],
    ]
    for (const [i, roles] of combinations.entries()) {
      const response = await call(t.app, {
        method: 'POST',
        url: '/api/v1/accounts',
        cookie: admin,
        headers: { 'accept-language': 'en' },
        payload: { username: `mixed.${i}`, displayName: '混合', roles },
      })
      expect(response.statusCode, String(roles)).toBe(422)
      expect(response.json().error.code).toBe('SEPARATION_OF_DUTIES')
      expect(response.json().error.fields.roles).toMatch(
        roles[1] === 'secadmin' ? /at most one of/ : /cannot also hold/,
      )
    }
    const stored = await t.deps.db
      .selectFrom('accounts')
      .select('id')
      .where('username', 'like', 'mixed.%')
      .execute()
    expect(stored).toEqual([])
    expect(
      await t.deps.db
        .selectFrom('approvals')
        .select('id')
        .where('kind', '=', 'role_grant')
        .execute(),
    ).toEqual([])

    // Data roles together are fine (a manager who also handles complaints).
    const fine = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: { username: 'data.roles', displayName: '数据', roles: ['manager', 'complaints'] },
    })
    expect(fine.statusCode).toBe(202)
  })

  it('refuses a forbidden combination when a secadmin approves it, too', async () => {
    const auditor = await createStaff(t.deps, ['auditor'])
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${auditor.id}`,
      cookie: admin,
      payload: { roles: ['auditor', 'compliance'] },
    })
    expect(patched.statusCode).toBe(422)
    expect(await rolesOf(auditor.id)).toEqual(['auditor'])
  })
})

describe('role grants need a second person (ACC-5)', () => {
  it('creates an agent through the API as pending: no customer is reached until a secadmin approves, and both steps are audited', async () => {
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: {
        username: 'wang.agent',
        displayName: '王客服',
        roles: ['agent'],
        departmentId: department,
      },
    })
    expect(created.statusCode).toBe(202)
    const body = created.json()
    expect(body).toMatchObject({ status: 'pending_approval', id: body.account.id })
    expect(body.account).toMatchObject({
      roles: [],
      mustChangePassword: true,
      pendingRoleGrant: { approvalId: body.approvalId, roles: ['agent'] },
    })

    // The requester holds only the first part of the one-time password: it opens nothing.
    expect(body.oneTimePassword).toBeUndefined()
    expect((await login('wang.agent', body.oneTimePasswordFirstPart)).statusCode).toBe(401)

    // The requester cannot open the queue, nor decide.
    expect((await call(t.app, { url: '/api/v1/approvals', cookie: admin })).statusCode).toBe(403)
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: `/api/v1/approvals/${body.approvalId}/approve`,
          cookie: admin,
        })
      ).statusCode,
    ).toBe(403)

    // The secadmin sees who asked, for what, when.
    const queue = await call(t.app, { url: '/api/v1/approvals?kind=role_grant', cookie: approver })
    expect(queue.statusCode).toBe(200)
    const item = queue.json().items.find((a: { id: string }) => a.id === body.approvalId)
    expect(item).toMatchObject({
      kind: 'role_grant',
      status: 'pending',
      subject: { type: 'account', id: body.id },
      requestedBy: { id: sysadmin.id, username: sysadmin.username },
      details: { username: 'wang.agent', from: [], to: ['agent'], added: ['agent'] },
    })

    const approved = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${body.approvalId}/approve`,
      cookie: approver,
      payload: { note: '岗位需要' },
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: { id: secadmin.id },
      note: '岗位需要',
    })
    expect(await rolesOf(body.id)).toEqual(['agent'])
    // The two parts joined sign in, the password is changed, and the account reaches customers.
    const password = `${body.oneTimePasswordFirstPart}${approved.json().oneTimePasswordSecondPart}`
    const first = await login('wang.agent', password)
    expect(first.json().pendingAction).toBe('change_password')
    const changed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password',
      cookie: sessionCookieOf(first),
      payload: { currentPassword: password, newPassword: STRONG_PASSWORD },
    })
    expect(changed.statusCode).toBe(200)
    const after = sessionCookieOf(await login('wang.agent', STRONG_PASSWORD))
    expect((await call(t.app, { url: '/api/v1/customers', cookie: after })).statusCode).toBe(200)

    const decidedTwice = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${body.approvalId}/reject`,
      cookie: approver,
      payload: { note: '再次' },
    })
    expect(decidedTwice.json().error.code).toBe('APPROVAL_DECIDED')

    const onApproval = await eventsOn('approval', body.approvalId)
    expect(onApproval.map((e) => [e.action, e.actor_id])).toEqual([
      ['approval.requested', sysadmin.id],
      ['approval.approved', secadmin.id],
    ])
    const onAccount = await eventsOn('account', body.id)
    expect(onAccount.map((e) => e.action)).toContain('account.roles_changed')
    const granted = onAccount.find((e) => e.action === 'account.roles_changed')
    expect(granted).toMatchObject({ actor_id: secadmin.id })
    expect(granted?.details).toMatchObject({
      to: ['agent'],
      approval: body.approvalId,
      requestedBy: sysadmin.id,
    })
  })

  it('makes a grant to an existing account pending, applies a removal at once, and audits a rejection with its note', async () => {
    const staff = await createStaff(t.deps, ['agent', 'sales'], { departmentId: department })
    const cookie = await signInAs(t.app, staff)
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${staff.id}`,
      cookie: admin,
      payload: { roles: ['sales', 'compliance'] },
    })
    expect(patched.statusCode).toBe(202)
    const { approvalId, account } = patched.json()
    // agent is gone at once; compliance waits.
    expect(account).toMatchObject({
      roles: ['sales'],
      pendingRoleGrant: { roles: ['compliance', 'sales'] },
    })
    expect(await rolesOf(staff.id)).toEqual(['sales'])
    expect((await call(t.app, { url: '/api/v1/me', cookie })).statusCode).toBe(401)
    const again = sessionCookieOf(await login(staff.username, staff.password))
    expect((await call(t.app, { url: '/api/v1/audit/events', cookie: again })).statusCode).toBe(403)

    const noNote = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${approvalId}/reject`,
      cookie: approver,
      payload: {},
    })
    expect(noNote.statusCode).toBe(400)
    const rejected = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${approvalId}/reject`,
      cookie: approver,
      payload: { note: '无合规岗位' },
    })
    expect(rejected.json()).toMatchObject({ status: 'rejected', note: '无合规岗位' })
    expect(await rolesOf(staff.id)).toEqual(['sales'])
    const events = await eventsOn('approval', approvalId)
    expect(events.map((e) => e.action)).toEqual(['approval.requested', 'approval.rejected'])
    expect(events[1]).toMatchObject({ actor_id: secadmin.id, outcome: 'allowed' })
    const listed = await call(t.app, { url: '/api/v1/approvals', cookie: approver })
    expect(listed.json().items.map((a: { id: string }) => a.id)).not.toContain(approvalId)
  })

  it('never lets the requester, nor the account a grant concerns, decide it — whatever permissions they hold', async () => {
    const staff = await createStaff(t.deps, ['sales'], { departmentId: department })
    const asked = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${staff.id}`,
      cookie: admin,
      payload: { roles: ['sales', 'agent'] },
    })
    expect(asked.statusCode).toBe(202)
    const { approvalId } = asked.json()
    // Even were a role to give them the deciding permissions (the defaults never do):
    const holding = (who: Staff): Principal => ({
      accountId: who.id,
      username: who.username,
      roles: [],
      departmentId: null,
      permissions: new Set(['approvals.review', 'role-grants.approve']),
      data: { scopes: [], viewMaxLevel: 0, revealMaxLevel: 0 },
      actor: { type: 'account', id: who.id, name: who.username },
      via: 'token',
      tokenId: 'test',
    })
    for (const [who, reason] of [
      [sysadmin, 'own_request'],
      [staff, 'own_account'],
    ] as const) {
      await expect(
        approvalQueue(APPROVAL_KINDS).decide(
          { deps: t.deps, principal: holding(who), context: NO_REQUEST, now: t.deps.clock.now() },
          approvalId,
          { decision: 'approve', note: undefined },
        ),
      ).rejects.toMatchObject({ code: 'APPROVAL_SECOND_PERSON' })
      const [refusal] = await t.deps.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', approvalId)
        .where('actor_id', '=', who.id)
        .where('outcome', '=', 'denied')
        .execute()
      expect(refusal).toMatchObject({ action: 'approval.approved', reason })
    }
    expect(await rolesOf(staff.id)).toEqual(['sales'])
    // The table itself refuses a requester as decider.
    await expect(
      t.deps.db
        .updateTable('approvals')
        .set({ decided_by: sysadmin.id, status: 'approved' })
        .where('id', '=', approvalId)
        .execute(),
    ).rejects.toThrow()
  })

  it('does not apply a request made stale by a later change of roles', async () => {
    const staff = await createStaff(t.deps, ['sales'], { departmentId: department })
    const asked = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${staff.id}`,
      cookie: admin,
      payload: { roles: ['sales', 'agent'] },
    })
    const staleId = asked.json().approvalId
    await t.deps.db
      .insertInto('account_roles')
      .values({ account_id: staff.id, role: 'complaints' })
      .execute()
    const stale = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${staleId}/approve`,
      cookie: approver,
    })
    expect(stale.json().error.code, stale.body).toBe('APPROVAL_STALE')
    expect(await rolesOf(staff.id)).toEqual(['complaints', 'sales'])

    // A direct change (a removal) withdraws what was pending.
    const removed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${staff.id}`,
      cookie: admin,
      payload: { roles: ['sales'] },
    })
    expect(removed.statusCode).toBe(200)
    expect(removed.json().pendingRoleGrant).toBeNull()
    const row = await t.deps.db
      .selectFrom('approvals')
      .select('status')
      .where('id', '=', staleId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('withdrawn')
  })
})
