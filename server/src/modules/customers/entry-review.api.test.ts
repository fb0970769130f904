import { beforeAll, describe, expect, it } from 'vitest'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'

/**
 * CUS-4 and CUS-5 (issue 16 §1–2; S0 篇五 (三)(五), S2 客户信息处理流程 1-3):
 * a record is a draft until a reviewer who did not enter it approves it;
 * the review can be switched off per department and source only with a
 * second person's approval; the first registration still valid wins, and
 * the later one is told who and until when, and nothing else.
 */
let t: TestApp

beforeAll(async () => {
  // The product's default: every new record is reviewed.
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' }, { entryReview: true })
})

type Member = Staff & { cookie: string }

async function department(name: string) {
  const departmentId = await createDepartment(t.deps, name)
  const member = async (role: 'sales' | 'manager' | 'agent'): Promise<Member> => {
    const staff = await createStaff(t.deps, [role], { departmentId })
    return { ...staff, cookie: await signInAs(t.app, staff) }
  }
  return {
    departmentId,
    manager: await member('manager'),
    reviewer: await member('manager'),
    agent: await member('agent'),
    sales: [await member('sales'), await member('sales')],
  }
}

const send = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  call(t.app, { method, url: `/api/v1${url}`, cookie, ...(payload && { payload }) })

let serial = 0
/** A person with identifiers of their own (the canary's would collide across tests). */
function person(overrides: Record<string, unknown> = {}) {
  serial += 1
  const n = String(serial).padStart(4, '0')
  return {
    kind: 'individual',
    name: `甄测${n}`,
    mobile: `1380013${n}`,
    email: `person${n}@example.com`,
    grade: 'general',
    source: 'visit',
    ...overrides,
  }
}

async function enter(by: Member, body: Record<string, unknown>) {
  const response = await send(by.cookie, 'POST', '/customers', body)
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; status: string }
}

describe('entry and review (CUS-4)', () => {
  it('enters a draft that only its creator and reviewers see, and that a reviewer who did not enter it approves', async () => {
    const d = await department('审核一部')
    const [alice] = d.sales as [Member, Member]
    const draft = await enter(alice, person())
    expect(draft.status).toBe('draft')
    // The creator sees it; a reviewer of the department sees it; an agent of the department does not.
    expect((await send(alice.cookie, 'GET', `/customers/${draft.id}`)).statusCode).toBe(200)
    expect((await send(d.reviewer.cookie, 'GET', `/customers/${draft.id}`)).statusCode).toBe(200)
    expect((await send(d.agent.cookie, 'GET', `/customers/${draft.id}`)).statusCode).toBe(404)
    const agentList = (await send(d.agent.cookie, 'GET', '/customers')).json()
    expect(agentList.items.map((c: { id: string }) => c.id)).not.toContain(draft.id)

    // Not yet submitted: nothing to approve.
    const early = await send(d.reviewer.cookie, 'POST', `/customers/${draft.id}/approve`)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('CUSTOMER_NOT_SUBMITTED')

    const submitted = await send(alice.cookie, 'POST', `/customers/${draft.id}/submit`)
    expect(submitted.statusCode, submitted.body).toBe(200)
    const queue = (await send(d.reviewer.cookie, 'GET', '/customers?status=submitted')).json()
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(draft.id)
    const counts = (await send(d.reviewer.cookie, 'GET', '/customers/review-counts')).json()
    expect(counts.submitted).toBeGreaterThanOrEqual(1)

    // A salesperson may not review at all.
    expect((await send(alice.cookie, 'POST', `/customers/${draft.id}/approve`)).statusCode).toBe(
      403,
    )
    const approved = await send(d.reviewer.cookie, 'POST', `/customers/${draft.id}/approve`)
    expect(approved.statusCode, approved.body).toBe(200)
    const record = (await send(d.agent.cookie, 'GET', `/customers/${draft.id}`)).json()
    expect(record.status).toBe('active')
    expect(record.owner).toMatchObject({ id: alice.id })
    expect(record.registration).toMatchObject({ registeredBy: { id: alice.id }, valid: true })
  })

  it('refuses a reviewer the approval of a record they entered themselves, audited', async () => {
    const d = await department('审核二部')
    const own = await enter(d.manager, person())
    await send(d.manager.cookie, 'POST', `/customers/${own.id}/submit`)
    const refused = await send(d.manager.cookie, 'POST', `/customers/${own.id}/approve`)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('CUSTOMER_OWN_ENTRY')
    const denial = await t.deps.db
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'customer.approved')
      .where('target_id', '=', own.id)
      .executeTakeFirstOrThrow()
    expect(denial).toEqual({ outcome: 'denied', reason: 'own_record' })
    const status = (await send(d.reviewer.cookie, 'GET', `/customers/${own.id}`)).json().status
    expect(status).toBe('submitted')
  })

  it('returns a rejected record to its creator with the reason, who corrects and resubmits', async () => {
    const d = await department('审核三部')
    const [alice] = d.sales as [Member, Member]
    const draft = await enter(alice, person())
    await send(alice.cookie, 'POST', `/customers/${draft.id}/submit`)
    const empty = await send(d.reviewer.cookie, 'POST', `/customers/${draft.id}/reject`, {
      reason: ' ',
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.fields).toHaveProperty('reason')
    const rejected = await send(d.reviewer.cookie, 'POST', `/customers/${draft.id}/reject`, {
      reason: '手机号与登记表不符',
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    const history = (await send(alice.cookie, 'GET', `/customers/${draft.id}/attribution`)).json()
    expect(history.reviews.map((r: { event: string }) => r.event)).toEqual([
      'submitted',
      'rejected',
    ])
    expect(history.reviews[1]).toMatchObject({
      reason: '手机号与登记表不符',
      by: { id: d.reviewer.id },
    })
    // The reason is sealed: not in the table, not in the trail.
    const stored = await t.deps.db
      .selectFrom('customer_reviews')
      .select('sealed_reason')
      .where('customer_id', '=', draft.id)
      .where('event', '=', 'rejected')
      .executeTakeFirstOrThrow()
    expect(stored.sealed_reason).not.toContain('手机号')
    const patched = await send(alice.cookie, 'PATCH' as 'POST', `/customers/${draft.id}`, {
      mobile: '13900139000',
    })
    expect(patched.statusCode, patched.body).toBe(200)
    expect((await send(alice.cookie, 'POST', `/customers/${draft.id}/submit`)).statusCode).toBe(200)
    expect(
      (await send(d.reviewer.cookie, 'POST', `/customers/${draft.id}/approve`)).statusCode,
    ).toBe(200)
  })

  it('switches review off for a department only when a second person approves, and not for the others', async () => {
    const d = await department('前台部')
    const other = await department('柜台部')
    const admin = await createStaff(t.deps, ['sysadmin'])
    const adminCookie = await signInAs(t.app, admin)
    const asked = await send(adminCookie, 'PUT', '/customers/review-rules', {
      departmentId: d.departmentId,
      source: null,
      required: false,
    })
    expect(asked.statusCode, asked.body).toBe(202)
    const { approvalId } = asked.json()
    // Still reviewed until approved.
    const [alice] = d.sales as [Member, Member]
    expect((await enter(alice, person())).status).toBe('draft')
    const secadmin = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))
    const approved = await send(secadmin, 'POST', `/approvals/${approvalId}/approve`, {})
    expect(approved.statusCode, approved.body).toBe(200)
    expect((await enter(alice, person())).status).toBe('active')
    // Another department keeps the company's rule.
    expect((await enter(other.sales[0] as Member, person())).status).toBe('draft')
    // A source can still be reviewed inside a department that skips review.
    const on = await send(adminCookie, 'PUT', '/customers/review-rules', {
      departmentId: d.departmentId,
      source: 'third_party',
      required: true,
    })
    expect(on.statusCode, on.body).toBe(200)
    expect((await enter(alice, person({ source: 'third_party' }))).status).toBe('draft')
    expect((await enter(alice, person({ source: 'visit' }))).status).toBe('active')
    const rules = (await send(adminCookie, 'GET', '/customers/review-rules')).json().rules
    expect(rules).toContainEqual({ departmentId: d.departmentId, source: null, required: false })
    expect(rules).toContainEqual({ departmentId: null, source: null, required: true })
  })
})

describe('first visit wins (CUS-5, 客户首访原则)', () => {
  it('refuses a second salesperson the registration of the same person, telling only who and until when', async () => {
    const d = await department('首访一部')
    const [alice, bob] = d.sales as [Member, Member]
    const first = person()
    const registered = await enter(alice, first)
    const again = await send(bob.cookie, 'POST', '/customers', {
      ...person(),
      mobile: first.mobile,
    })
    expect(again.statusCode).toBe(409)
    const body = again.json().error
    expect(body.code).toBe('CUSTOMER_REGISTERED_BY_OTHER')
    expect(body.fields).toHaveProperty('mobile')
    expect(body.details.registration).toMatchObject({
      registeredBy: { id: alice.id, name: alice.username },
      valid: true,
    })
    expect(JSON.stringify(body)).not.toContain(registered.id)
    expect(JSON.stringify(body)).not.toContain(String(first.name))
    // Nothing was entered for Bob.
    const bobs = (await send(bob.cookie, 'GET', '/customers')).json().items
    expect(bobs).toHaveLength(0)
    const denial = await t.deps.db
      .selectFrom('audit_events')
      .select(['outcome', 'reason', 'target_id'])
      .where('action', '=', 'customer.created')
      .where('outcome', '=', 'denied')
      .where('actor_id', '=', bob.id)
      .executeTakeFirstOrThrow()
    expect(denial).toEqual({
      outcome: 'denied',
      reason: 'registered_by_other',
      target_id: registered.id,
    })
  })

  it('answers the duplicate check with the masked record in scope, and only owner and dates beyond it', async () => {
    const d = await department('查重一部')
    const other = await department('查重二部')
    const [alice] = d.sales as [Member, Member]
    const mine = person()
    const theirs = person()
    const own = await enter(alice, mine)
    const foreign = await enter(other.sales[0] as Member, theirs)
    const answer = await send(alice.cookie, 'POST', '/customers/duplicate-check', {
      kind: 'individual',
      mobile: mine.mobile,
      email: theirs.email,
    })
    expect(answer.statusCode, answer.body).toBe(200)
    const { matches } = answer.json()
    expect(matches).toHaveLength(2)
    const seen = matches.find((m: { inScope: boolean }) => m.inScope)
    expect(seen).toMatchObject({ customerId: own.id, fields: ['mobile'], status: 'draft' })
    expect(seen.name).toMatch(/^甄\*+$/)
    const beyond = matches.find((m: { inScope: boolean }) => !m.inScope)
    expect(Object.keys(beyond).sort()).toEqual(['fields', 'inScope', 'registration'])
    expect(beyond.fields).toEqual(['email'])
    expect(beyond.registration).toMatchObject({
      registeredBy: { id: (other.sales[0] as Member).id },
      valid: true,
    })
    expect(answer.body).not.toContain(foreign.id)
    expect(answer.body).not.toContain(String(theirs.name).slice(1))
    const audited = await t.deps.db
      .selectFrom('audit_events')
      .select(['fields', 'details'])
      .where('action', '=', 'customer.duplicate_checked')
      .where('actor_id', '=', alice.id)
      .executeTakeFirstOrThrow()
    expect(audited.fields).toEqual(['email', 'mobile'])
    const details = audited.details as { matched: string[]; beyondScope: number }
    expect([...details.matched].sort()).toEqual([own.id, foreign.id].sort())
    expect(details.beyondScope).toBe(1)
    expect(JSON.stringify(audited)).not.toContain(String(mine.mobile))
    // Bad input: a field error in the caller's language.
    const bad = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers/duplicate-check',
      cookie: alice.cookie,
      headers: { 'accept-language': 'en' },
      payload: { kind: 'individual', mobile: 'not a number' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields.mobile).toMatch(/[a-z]/)
  })

  it('tells a later registrant the first registration has expired, and a follow-up renews a valid one', async () => {
    const d = await department('首访二部')
    const [alice, bob] = d.sales as [Member, Member]
    const first = person()
    const registered = await enter(alice, first)
    const before = (await send(d.reviewer.cookie, 'GET', `/customers/${registered.id}`)).json()
    t.clock.advance(61 * DAY)
    const late = await signInAs(t.app, bob)
    const again = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: late,
      payload: { ...person(), mobile: first.mobile },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('CUSTOMER_REGISTRATION_EXPIRED')
    expect(again.json().error.details.registration).toMatchObject({
      registeredBy: { id: alice.id },
      valid: false,
      validUntil: before.registration.validUntil,
    })
  })
  it('refuses entering again a customer in the pool: it is picked from there', async () => {
    const d = await department('首访四部')
    const [alice, bob] = d.sales as [Member, Member]
    const first = person()
    const registered = await enter(alice, first)
    await send(alice.cookie, 'POST', `/customers/${registered.id}/submit`)
    await send(d.reviewer.cookie, 'POST', `/customers/${registered.id}/approve`)
    const released = await send(alice.cookie, 'POST', `/pool/${registered.id}/release`, {})
    expect(released.statusCode, released.body).toBe(200)
    const again = await send(bob.cookie, 'POST', '/customers', {
      ...person(),
      mobile: first.mobile,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('CUSTOMER_IN_POOL')
    expect(again.json().error.fields).toHaveProperty('mobile')
  })

  it('renews a valid registration with a follow-up, so that a later registrant is still refused', async () => {
    const d = await department('首访三部')
    const [alice, bob] = d.sales as [Member, Member]
    const first = person()
    const registered = await enter(alice, first)
    await send(alice.cookie, 'POST', `/customers/${registered.id}/submit`)
    await send(d.reviewer.cookie, 'POST', `/customers/${registered.id}/approve`)
    const before = (await send(alice.cookie, 'GET', `/customers/${registered.id}`)).json()
    t.clock.advance(50 * DAY)
    alice.cookie = await signInAs(t.app, alice)
    const logged = await send(alice.cookie, 'POST', '/reception/calls', {
      channel: 'phone',
      outcome: 'interested',
      customerId: registered.id,
    })
    expect(logged.statusCode, logged.body).toBe(201)
    const after = (await send(alice.cookie, 'GET', `/customers/${registered.id}`)).json()
    expect(new Date(after.registration.validUntil).getTime()).toBe(
      new Date(before.registration.validUntil).getTime() + 50 * DAY,
    )
    t.clock.advance(20 * DAY)
    bob.cookie = await signInAs(t.app, bob)
    const again = await send(bob.cookie, 'POST', '/customers', {
      ...person(),
      mobile: first.mobile,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('CUSTOMER_REGISTERED_BY_OTHER')
  })
})

describe('attribution settings (CUS-5)', () => {
  it('sets the validity period for registrations to come, audited; bad values change nothing', async () => {
    const d = await department('设置一部')
    const admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    const current = (await send(admin, 'GET', '/customers/attribution-settings')).json()
    expect(current).toEqual({
      registrationValidityDays: 60,
      renewOnFollowUp: true,
      renewOnDeal: true,
      rejectedDraftDays: 30,
    })
    const asManager = await send(d.manager.cookie, 'PUT', '/customers/attribution-settings', {
      ...current,
      registrationValidityDays: 30,
    })
    expect(asManager.statusCode).toBe(403)
    const bad = await send(admin, 'PUT', '/customers/attribution-settings', {
      ...current,
      registrationValidityDays: 0,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields).toHaveProperty('registrationValidityDays')
    const set = await send(admin, 'PUT', '/customers/attribution-settings', {
      ...current,
      registrationValidityDays: 30,
    })
    expect(set.statusCode, set.body).toBe(200)
    const [alice] = d.sales as [Member, Member]
    const entered = await enter(alice, person())
    const record = (await send(alice.cookie, 'GET', `/customers/${entered.id}`)).json()
    const held = new Date(record.registration.validUntil).getTime() - t.clock.now().getTime()
    expect(held).toBe(30 * DAY)
    const audited = await t.deps.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'customer.attribution_settings_changed')
      .executeTakeFirstOrThrow()
    expect(audited.details).toMatchObject({
      before: { registrationValidityDays: 60 },
      after: { registrationValidityDays: 30 },
    })
    await send(admin, 'PUT', '/customers/attribution-settings', current)
  })
})

describe('ownership (CUS-5)', () => {
  it('transfers a customer with a reason, in bulk when someone leaves, keeping the history', async () => {
    const d = await department('归属一部')
    const [alice, bob] = d.sales as [Member, Member]
    const one = await enter(alice, person())
    const two = await enter(alice, person())
    const noReason = await send(d.manager.cookie, 'POST', `/customers/${one.id}/transfer`, {
      toOwnerId: bob.id,
    })
    expect(noReason.statusCode).toBe(400)
    expect(
      (
        await send(alice.cookie, 'POST', `/customers/${one.id}/transfer`, {
          toOwnerId: bob.id,
          reason: 'rebalance',
        })
      ).statusCode,
    ).toBe(403)
    const moved = await send(d.manager.cookie, 'POST', `/customers/${one.id}/transfer`, {
      toOwnerId: bob.id,
      reason: 'first_visit_dispute',
    })
    expect(moved.statusCode, moved.body).toBe(204)
    const attribution = (await send(bob.cookie, 'GET', `/customers/${one.id}/attribution`)).json()
    expect(attribution.owner).toMatchObject({ id: bob.id })
    expect(attribution.registration.registeredBy.id).toBe(bob.id)
    expect(attribution.history).toEqual([
      expect.objectContaining({
        from: expect.objectContaining({ id: alice.id }),
        to: expect.objectContaining({ id: bob.id }),
        kind: 'transfer',
        reason: 'first_visit_dispute',
        changedBy: expect.objectContaining({ id: d.manager.id }),
      }),
    ])
    // Alice no longer sees it.
    expect((await send(alice.cookie, 'GET', `/customers/${one.id}`)).statusCode).toBe(404)
    const bulk = await send(d.manager.cookie, 'POST', '/customers/transfer', {
      fromOwnerId: alice.id,
      toOwnerId: bob.id,
      reason: 'staff_left',
    })
    expect(bulk.statusCode, bulk.body).toBe(200)
    expect(bulk.json()).toEqual({ moved: 1 })
    expect((await send(bob.cookie, 'GET', `/customers/${two.id}`)).json().owner.id).toBe(bob.id)
    const events = await t.deps.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'customer.owner_changed')
      .where('target_id', 'in', [one.id, two.id])
      .execute()
    expect(events.map((e) => (e.details as { reason: string }).reason).sort()).toEqual([
      'first_visit_dispute',
      'staff_left',
    ])
  })

  it('moves the follow-up to the colleague the customer asks for, the registration staying (以客户意愿为主)', async () => {
    const d = await department('归属二部')
    const [alice, bob] = d.sales as [Member, Member]
    const customer = await enter(alice, person())
    await send(alice.cookie, 'POST', `/customers/${customer.id}/submit`)
    await send(d.reviewer.cookie, 'POST', `/customers/${customer.id}/approve`)
    const outsider = (await department('归属三部')).sales[0] as Member
    const wrong = await send(alice.cookie, 'POST', `/customers/${customer.id}/wish`, {
      toOwnerId: outsider.id,
    })
    expect(wrong.statusCode).toBe(400)
    const wished = await send(alice.cookie, 'POST', `/customers/${customer.id}/wish`, {
      toOwnerId: bob.id,
    })
    expect(wished.statusCode, wished.body).toBe(204)
    const record = (await send(bob.cookie, 'GET', `/customers/${customer.id}`)).json()
    expect(record.owner.id).toBe(bob.id)
    expect(record.registration.registeredBy.id).toBe(alice.id)
  })
})
