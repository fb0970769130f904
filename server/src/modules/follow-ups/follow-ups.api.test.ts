import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY, HOUR } from '../../platform/clock.js'
import { remindCall, remindFollowUps } from './remind-follow-ups.js'

/**
 * Issue 17 (CUS-6), follow-up plans through the HTTP API with the clock
 * moved: planned for a customer in scope, listed by due day, reminded to
 * the assignee once when due, escalated to the managers once past the
 * delay, done with a result (which renews the registration) and, for a
 * customer of tracking level A or B, planned again by the level's period.
 * Bad input and out-of-scope callers store nothing.
 */
let t: TestApp

/** The rules these tests run under: A every 3 days, B every 5, escalated 4 hours past due. */
const SETTINGS = {
  levelAEveryDays: 3,
  levelBEveryDays: 5,
  remindBeforeMinutes: 0,
  escalateAfterHours: 4,
}

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
  const saved = await send(
    await createStaff(t.deps, ['sysadmin']),
    'PUT',
    '/follow-ups/settings',
    SETTINGS,
  )
  expect(saved.statusCode, saved.body).toBe(200)
})

/** Signs in afresh: moving the clock by days ends every session. */
const as = (staff: Staff) => signInAs(t.app, staff)

async function send(staff: Staff, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return call(t.app, {
    method,
    url: `/api/v1${url}`,
    cookie: await as(staff),
    ...(payload && { payload }),
  })
}

const runJob = () => remindFollowUps(remindCall(t.deps), t.deps.db)

async function department(name: string) {
  const departmentId = await createDepartment(t.deps, name)
  const sales = await createStaff(t.deps, ['sales'], { departmentId })
  const manager = await createStaff(t.deps, ['manager'], { departmentId })
  return { departmentId, sales, manager }
}

let entered = 0
async function customerOf(owner: Staff, trackingLevel?: 'A' | 'B' | 'C') {
  entered += 1
  return createCustomerAs(t.app, await as(owner), {
    kind: 'individual',
    name: CANARY.name,
    mobile: `1381234${String(entered).padStart(4, '0')}`,
    grade: 'general',
    source: 'visit',
    ...(trackingLevel && { trackingLevel }),
  })
}

const inHours = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString()

async function plan(staff: Staff, body: Record<string, unknown>) {
  const answer = await send(staff, 'POST', '/follow-ups', body)
  expect(answer.statusCode, answer.body).toBe(201)
  return answer.json()
}

const notificationsOf = async (staff: Staff) => (await send(staff, 'GET', '/notifications')).json()

const followUpCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('follow_ups')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('planning and listing follow-ups', () => {
  it('plans a follow-up for the caller and lists it as due today, masked, then as overdue', async () => {
    const { sales } = await department('跟进一部')
    const customer = await customerOf(sales)
    const planned = await plan(sales, {
      customerId: customer,
      dueAt: inHours(2),
      purpose: 'return_visit',
    })
    expect(planned).toMatchObject({
      customerId: customer,
      assignee: { id: sales.id },
      purpose: 'return_visit',
      status: 'open',
      overdue: false,
      recurring: false,
      next: null,
    })
    expect(planned.maskedName).not.toBe('')
    expect(planned.maskedName).not.toContain(CANARY.name)

    const today = await send(sales, 'GET', '/follow-ups?assignee=me&due=today')
    expect(today.statusCode, today.body).toBe(200)
    expect(today.json().items.map((f: { id: string }) => f.id)).toEqual([planned.id])
    expect(findCanary(today.body)).toBeUndefined()
    const overdueNow = await send(sales, 'GET', '/follow-ups?assignee=me&due=overdue')
    expect(overdueNow.json().items).toEqual([])

    t.clock.advance(DAY)
    const overdue = await send(sales, 'GET', '/follow-ups?assignee=me&due=overdue')
    expect(overdue.json().items).toMatchObject([{ id: planned.id, overdue: true }])
    expect((await send(sales, 'GET', '/follow-ups?assignee=me&due=today')).json().items).toEqual([])
    // Done, it is neither any more.
    const done = await send(sales, 'POST', `/follow-ups/${planned.id}/complete`, {
      result: 'reached',
    })
    expect(done.statusCode, done.body).toBe(200)
    expect((await send(sales, 'GET', '/follow-ups?assignee=me&due=overdue')).json().items).toEqual(
      [],
    )
  })

  it('refuses bad input with field errors and stores nothing', async () => {
    const { sales } = await department('跟进二部')
    const customer = await customerOf(sales)
    const before = await followUpCount()
    const bad = await send(sales, 'POST', '/follow-ups', {
      customerId: customer,
      dueAt: 'tomorrow',
      purpose: 'gossip',
      extra: 1,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    expect(Object.keys(bad.json().error.fields)).toEqual(
      expect.arrayContaining(['dueAt', 'purpose']),
    )
    expect(await followUpCount()).toBe(before)

    const planned = await plan(sales, {
      customerId: customer,
      dueAt: inHours(1),
      purpose: 'tracking',
    })
    const badResult = await send(sales, 'POST', `/follow-ups/${planned.id}/complete`, {
      result: 'meh',
    })
    expect(badResult.statusCode).toBe(400)
    expect(Object.keys(badResult.json().error.fields)).toContain('result')
    const row = await t.deps.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('id', '=', planned.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('open')

    const done = await send(sales, 'POST', `/follow-ups/${planned.id}/complete`, {
      result: 'reached',
    })
    expect(done.statusCode, done.body).toBe(200)
    const again = await send(sales, 'POST', `/follow-ups/${planned.id}/complete`, {
      result: 'reached',
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('FOLLOW_UP_ALREADY_DONE')
  })

  it('answers another department’s manager as if nothing existed: 404, nothing stored, audited', async () => {
    const { sales } = await department('跟进三部')
    const other = await department('跟进四部')
    const customer = await customerOf(sales)
    const planned = await plan(sales, {
      customerId: customer,
      dueAt: inHours(1),
      purpose: 'tracking',
    })
    const before = await followUpCount()

    const create = await send(other.manager, 'POST', '/follow-ups', {
      customerId: customer,
      dueAt: inHours(1),
      purpose: 'tracking',
    })
    expect(create.statusCode).toBe(404)
    expect(create.json().error.code).toBe('CUSTOMER_NOT_FOUND')
    const complete = await send(other.manager, 'POST', `/follow-ups/${planned.id}/complete`, {
      result: 'reached',
    })
    expect(complete.statusCode).toBe(404)
    expect(complete.json().error.code).toBe('FOLLOW_UP_NOT_FOUND')
    const list = await send(other.manager, 'GET', '/follow-ups')
    expect(list.json().items.map((f: { id: string }) => f.id)).not.toContain(planned.id)
    expect(await followUpCount()).toBe(before)
    const refused = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('target_id', '=', customer)
      .where('reason', '=', 'out_of_scope')
      .execute()
    expect(refused.map((e) => e.action)).toEqual(
      expect.arrayContaining(['follow_up.created', 'follow_up.completed']),
    )
  })

  it('lets the manager of the department see and plan for the department’s customers', async () => {
    const { sales, manager } = await department('跟进六部')
    const customer = await customerOf(sales)
    const planned = await plan(manager, {
      customerId: customer,
      assigneeId: sales.id,
      dueAt: inHours(3),
      purpose: 'deal_progress',
    })
    expect(planned.assignee.id).toBe(sales.id)
    const mine = await send(sales, 'GET', '/follow-ups?assignee=me')
    expect(mine.json().items.map((f: { id: string }) => f.id)).toContain(planned.id)
    const stranger = await createStaff(t.deps, ['sales'], {
      departmentId: await createDepartment(t.deps, '跟进七部'),
    })
    const badAssignee = await send(manager, 'POST', '/follow-ups', {
      customerId: customer,
      assigneeId: stranger.id,
      dueAt: inHours(3),
      purpose: 'tracking',
    })
    expect(badAssignee.statusCode).toBe(422)
    expect(badAssignee.json().error.code).toBe('FOLLOW_UP_ASSIGNEE_UNKNOWN')
  })
})

describe('completing and recurring plans', () => {
  it('completes with a result and a sealed note, renews the registration, and plans the next by tracking level', async () => {
    const { sales } = await department('回访一部')
    const levelA = await customerOf(sales, 'A')
    const levelB = await customerOf(sales, 'B')
    const levelC = await customerOf(sales, 'C')
    const a = await plan(sales, { customerId: levelA, dueAt: inHours(1), purpose: 'tracking' })
    const b = await plan(sales, { customerId: levelB, dueAt: inHours(1), purpose: 'return_visit' })
    const c = await plan(sales, { customerId: levelC, dueAt: inHours(1), purpose: 'tracking' })
    expect([a.recurring, b.recurring, c.recurring]).toEqual([true, true, false])

    t.clock.advance(10 * DAY)
    const validBefore = await validUntil(levelA)
    const note = '客户甄金丝雀说下周再来'
    const doneA = await send(sales, 'POST', `/follow-ups/${a.id}/complete`, {
      result: 'interested',
      note,
    })
    expect(doneA.statusCode, doneA.body).toBe(200)
    const now = t.clock.now().getTime()
    expect(doneA.json()).toMatchObject({ status: 'done', result: 'interested', note })
    expect(new Date(doneA.json().next.dueAt).getTime()).toBe(now + 3 * DAY)
    // The note is sealed: not in the row as written.
    const row = await t.deps.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('下周再来')
    expect(row.sealed.note).toBeTruthy()
    // The registration runs again from now (the follow-up counts as activity).
    expect((await validUntil(levelA)).getTime()).toBeGreaterThan(validBefore.getTime())

    const doneB = await send(sales, 'POST', `/follow-ups/${b.id}/complete`, { result: 'reached' })
    expect(new Date(doneB.json().next.dueAt).getTime()).toBe(now + 5 * DAY)
    const doneC = await send(sales, 'POST', `/follow-ups/${c.id}/complete`, { result: 'reached' })
    expect(doneC.json().next).toBeNull()

    // The next one of A's plan is open, recurring, for the same assignee.
    const next = await send(sales, 'GET', `/follow-ups?customerId=${levelA}&status=open`)
    expect(next.json().items).toMatchObject([
      {
        id: doneA.json().next.id,
        recurring: true,
        assignee: { id: sales.id },
        purpose: 'tracking',
      },
    ])
    const event = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'follow_up.completed')
      .where('target_id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(event)).not.toContain('下周再来')
  })
})

async function validUntil(customerId: string): Promise<Date> {
  const row = await t.deps.db
    .selectFrom('customer_registrations')
    .select('valid_until')
    .where('customer_id', '=', customerId)
    .where('ended_at', 'is', null)
    .executeTakeFirstOrThrow()
  return row.valid_until
}

describe('reminders and escalation (the job, with the clock moved)', () => {
  it('notifies the assignee once when due, then the manager once past the delay; the assignee marks it read', async () => {
    const { sales, manager } = await department('提醒一部')
    const customer = await customerOf(sales)
    const planned = await plan(sales, {
      customerId: customer,
      dueAt: inHours(2),
      purpose: 'tracking',
    })
    const countOf = async (staff: Staff) =>
      (await notificationsOf(staff)).items.filter((n: { link: string }) =>
        n.link.includes(planned.id),
      ).length

    await runJob()
    expect(await countOf(sales)).toBe(0)

    t.clock.advance(2 * HOUR)
    await runJob()
    await runJob()
    const page = await notificationsOf(sales)
    const mine = page.items.filter((n: { link: string }) => n.link.includes(planned.id))
    expect(mine).toMatchObject([
      { kind: 'follow_up.due', link: `/follow-ups?open=${planned.id}`, readAt: null },
    ])
    expect(mine[0].params.customer).toBe(planned.maskedName)
    expect(page.unread).toBeGreaterThanOrEqual(1)
    expect(findCanary(JSON.stringify(page))).toBeUndefined()
    expect(await countOf(manager)).toBe(0)

    // Not yet past the delay (4 hours): no escalation.
    t.clock.advance(3 * HOUR)
    await runJob()
    expect(await countOf(manager)).toBe(0)
    t.clock.advance(1 * HOUR)
    await runJob()
    await runJob()
    const escalated = (await notificationsOf(manager)).items.filter((n: { link: string }) =>
      n.link.includes(planned.id),
    )
    expect(escalated).toMatchObject([{ kind: 'follow_up.overdue' }])
    expect(escalated[0].params.assignee).toBeTruthy()
    expect(await countOf(sales)).toBe(1)

    // Read: once, by its own account only.
    const read = await send(sales, 'POST', `/notifications/${mine[0].id}/read`, {})
    expect(read.statusCode, read.body).toBe(200)
    expect(read.json().readAt).not.toBeNull()
    const unread = await send(sales, 'GET', '/notifications?unread=true')
    expect(unread.json().items.map((n: { id: string }) => n.id)).not.toContain(mine[0].id)
    const others = await send(manager, 'POST', `/notifications/${mine[0].id}/read`, {})
    expect(others.statusCode).toBe(404)
    expect(others.json().error.code).toBe('NOTIFICATION_NOT_FOUND')

    const trail = await t.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', planned.id)
      .orderBy('id')
      .execute()
    expect(trail.map((e) => e.action)).toEqual([
      'follow_up.created',
      'follow_up.reminded',
      'follow_up.escalated',
    ])
  })

  it('does not remind of a follow-up done before it came due', async () => {
    const { sales, manager } = await department('提醒二部')
    const customer = await customerOf(sales)
    const planned = await plan(sales, {
      customerId: customer,
      dueAt: inHours(5),
      purpose: 'tracking',
    })
    const done = await send(sales, 'POST', `/follow-ups/${planned.id}/complete`, {
      result: 'reached',
    })
    expect(done.statusCode).toBe(200)
    t.clock.advance(DAY)
    await runJob()
    for (const staff of [sales, manager]) {
      const items = (await notificationsOf(staff)).items
      expect(items.filter((n: { link: string }) => n.link.includes(planned.id))).toEqual([])
    }
  })
})
