import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY, HOUR } from '../../platform/clock.js'
import {
  countCustomerData,
  exportCustomerData,
  shredCustomerData,
} from '../customer-data/customer-data-registry.js'
import { addDays, currentWeek, mondayOf, weekAfter } from './iso-week.js'

/**
 * Issue 17 §5 through the HTTP API with the clock moved: the weekly review
 * (客户信息梳理, CUS-8) lists a grade's new, changed, stale and unconfirmed
 * records and the follow-ups missed, in the caller's scope, masked; recorded
 * once, its plan items become follow-ups in one transaction; the record's
 * re-confirmation (DQ-2) is flagged by its period, recorded and audited by
 * field names, never values. Bad input changes nothing.
 */
let t: TestApp
let admin: Staff

/** The periods these tests run under: stale after 30 days, re-confirmation after 60. */
const SETTINGS = { staleDays: 30, reconfirmDays: 60 }

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
  admin = await createStaff(t.deps, ['sysadmin'])
  const saved = await send(admin, 'PUT', '/weekly-review/settings', SETTINGS)
  expect(saved.statusCode, saved.body).toBe(200)
})

/** Signs in afresh: moving the clock by days ends every session. */
async function send(
  staff: Staff,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
) {
  return call(t.app, {
    method,
    url: `/api/v1${url}`,
    cookie: await signInAs(t.app, staff),
    ...(payload && { payload }),
  })
}

async function department(name: string) {
  const departmentId = await createDepartment(t.deps, name)
  const sales = await createStaff(t.deps, ['sales'], { departmentId })
  const otherSales = await createStaff(t.deps, ['sales'], { departmentId })
  const manager = await createStaff(t.deps, ['manager'], { departmentId })
  return { departmentId, sales, otherSales, manager }
}

let entered = 0
async function customerOf(owner: Staff, grade: 'important' | 'general' = 'important') {
  entered += 1
  return createCustomerAs(t.app, await signInAs(t.app, owner), {
    kind: 'individual',
    name: CANARY.name,
    mobile: `1391234${String(entered).padStart(4, '0')}`,
    grade,
    source: 'visit',
  })
}

const timeZone = () => t.deps.config.timeZone
const thisWeek = () => currentWeek(timeZone(), t.clock.now())
/** A day of next week: 0 for its Monday. */
const nextWeekDay = (n: number) => addDays(mondayOf(weekAfter(thisWeek())) as string, n)

const ids = (list: { customerId: string }[]) => list.map((e) => e.customerId)

async function week(staff: Staff, grade = 'important', week?: string) {
  const answer = await send(
    staff,
    'GET',
    `/weekly-review?grade=${grade}${week ? `&week=${week}` : ''}`,
  )
  expect(answer.statusCode, answer.body).toBe(200)
  expect(findCanary(answer.body)).toBeUndefined()
  return answer.json()
}

const count = async (table: 'follow_ups' | 'weekly_reviews' | 'customer_confirmations') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const eventsOf = (action: string) =>
  t.deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute()

describe('re-confirmation and staleness (DQ-2, CUS-8)', () => {
  it('flags a record stale, then due for re-confirmation, as the clock moves; a confirmation clears both', async () => {
    const { sales, manager } = await department('梳理一部')
    const customer = await customerOf(sales)
    const fresh = await send(sales, 'GET', `/customers/${customer}/confirmations`)
    expect(fresh.statusCode, fresh.body).toBe(200)
    expect(fresh.json()).toMatchObject({ items: [], due: false, lastConfirmedAt: null })

    t.clock.advance(31 * DAY)
    const stale = await week(manager)
    expect(ids(stale.staleRecords)).toContain(customer)
    expect(ids(stale.dueForReconfirmation)).not.toContain(customer)
    expect(
      stale.staleRecords.find((s: { customerId: string }) => s.customerId === customer),
    ).toMatchObject({ lastConfirmedAt: null })

    t.clock.advance(30 * DAY)
    const due = await week(manager)
    expect(ids(due.dueForReconfirmation)).toContain(customer)
    const dueList = await send(sales, 'GET', '/confirmations/due')
    expect(dueList.statusCode, dueList.body).toBe(200)
    expect(ids(dueList.json().items)).toContain(customer)
    expect(findCanary(dueList.body)).toBeUndefined()
    expect((await send(sales, 'GET', `/customers/${customer}/confirmations`)).json().due).toBe(true)

    const before = await t.deps.db
      .selectFrom('customers')
      .select(['updated_at'])
      .where('id', '=', customer)
      .executeTakeFirstOrThrow()
    const confirmed = await send(sales, 'POST', `/customers/${customer}/confirmations`, {
      fields: ['name', 'mobile', 'address'],
      method: 'phone',
    })
    expect(confirmed.statusCode, confirmed.body).toBe(201)
    expect(confirmed.json()).toMatchObject({
      due: false,
      lastConfirmedAt: t.clock.now().toISOString(),
      items: [
        { fields: ['name', 'mobile', 'address'], method: 'phone', confirmedBy: { id: sales.id } },
      ],
    })
    // Confirming changes no value and does not count as an edit.
    const after = await t.deps.db
      .selectFrom('customers')
      .select(['updated_at'])
      .where('id', '=', customer)
      .executeTakeFirstOrThrow()
    expect(after.updated_at).toEqual(before.updated_at)

    const cleared = await week(manager)
    expect(ids(cleared.staleRecords)).not.toContain(customer)
    expect(ids(cleared.dueForReconfirmation)).not.toContain(customer)
    expect(ids((await send(sales, 'GET', '/confirmations/due')).json().items)).not.toContain(
      customer,
    )

    // Audited by field names and method, never a value.
    const [event] = (await eventsOf('confirmation.recorded')).filter(
      (e) => e.target_id === customer,
    )
    expect(event?.details).toMatchObject({ fields: ['name', 'mobile', 'address'], method: 'phone' })
    expect(findCanary(JSON.stringify(event))).toBeUndefined()
  })

  it('refuses bad confirmations with a clear error and stores nothing', async () => {
    const { sales } = await department('梳理二部')
    const customer = await customerOf(sales)
    const before = await count('customer_confirmations')
    const url = `/customers/${customer}/confirmations`

    const badShape = await send(sales, 'POST', url, { fields: [], method: 'telepathy' })
    expect(badShape.statusCode).toBe(400)
    expect(badShape.json().error.code).toBe('VALIDATION_FAILED')
    expect(Object.keys(badShape.json().error.fields)).toEqual(
      expect.arrayContaining(['fields', 'method']),
    )
    const unknown = await send(sales, 'POST', url, { fields: ['favouriteColour'], method: 'visit' })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error.code).toBe('CONFIRMATION_FIELD_UNKNOWN')
    // An organisation's field is not an individual's.
    const wrongKind = await send(sales, 'POST', url, { fields: ['creditCode'], method: 'visit' })
    expect(wrongKind.json().error.code).toBe('CONFIRMATION_FIELD_UNKNOWN')
    const future = await send(sales, 'POST', url, {
      fields: ['mobile'],
      method: 'visit',
      confirmedAt: new Date(t.clock.now().getTime() + HOUR).toISOString(),
    })
    expect(future.statusCode).toBe(422)
    expect(future.json().error.code).toBe('CONFIRMATION_TIME_INVALID')
    const english = await call(t.app, {
      method: 'POST',
      url: `/api/v1${url}`,
      cookie: await signInAs(t.app, sales),
      headers: { 'accept-language': 'en' },
      payload: { fields: ['favouriteColour'], method: 'visit' },
    })
    expect(english.json().error.message).toMatch(/catalogue/)
    expect(await count('customer_confirmations')).toBe(before)

    // Another department's salesperson: not found, nothing stored, the attempt audited.
    const other = await department('梳理三部')
    const outside = await send(other.sales, 'POST', url, { fields: ['mobile'], method: 'visit' })
    expect(outside.statusCode).toBe(404)
    expect(outside.json().error.code).toBe('CUSTOMER_NOT_FOUND')
    expect(await count('customer_confirmations')).toBe(before)
    const denied = (await eventsOf('confirmation.recorded')).filter(
      (e) => e.target_id === customer && e.outcome === 'denied',
    )
    expect(denied).toHaveLength(1)
  })

  it('keeps the settings to settings.manage and audits a change with the old values', async () => {
    const { manager } = await department('梳理四部')
    const refused = await send(manager, 'PUT', '/weekly-review/settings', SETTINGS)
    expect(refused.statusCode).toBe(403)
    const bad = await send(admin, 'PUT', '/weekly-review/settings', {
      staleDays: 0,
      reconfirmDays: 60,
    })
    expect(bad.statusCode).toBe(400)
    const changed = await send(admin, 'PUT', '/weekly-review/settings', {
      staleDays: 31,
      reconfirmDays: 60,
    })
    expect(changed.json()).toMatchObject({ staleDays: 31, changedBy: { id: admin.id } })
    const events = await eventsOf('weekly_review.settings_changed')
    expect(events.at(-1)?.details).toMatchObject({
      before: SETTINGS,
      after: { staleDays: 31, reconfirmDays: 60 },
    })
    expect((await send(admin, 'PUT', '/weekly-review/settings', SETTINGS)).statusCode).toBe(200)
  })
})

describe('the weekly review (梳理, CUS-8)', () => {
  it('lists the week’s new, changed and missed, in the caller’s scope, masked', async () => {
    const { sales, otherSales, manager } = await department('梳理五部')
    // Entered before this week, changed during it.
    const older = await customerOf(sales)
    t.clock.advance(7 * DAY)
    const patched = await send(sales, 'PATCH', `/customers/${older}`, { occupation: '教师' })
    expect(patched.statusCode, patched.body).toBe(200)
    const mine = await customerOf(sales)
    const theirs = await customerOf(otherSales)
    const general = await customerOf(sales, 'general')
    // A follow-up due an hour ago, still open: missed.
    const planned = await send(sales, 'POST', '/follow-ups', {
      customerId: mine,
      dueAt: new Date(t.clock.now().getTime() - HOUR).toISOString(),
      purpose: 'return_visit',
    })
    expect(planned.statusCode, planned.body).toBe(201)

    const seen = await week(manager)
    expect(seen.week).toBe(thisWeek())
    expect(ids(seen.newCustomers)).toEqual(expect.arrayContaining([mine, theirs]))
    expect(ids(seen.newCustomers)).not.toContain(general)
    expect(ids(seen.changedCustomers)).toContain(older)
    expect(seen.missedFollowUps).toMatchObject([
      {
        customerId: mine,
        followUpId: planned.json().id,
        missed: 'open',
        assignee: { id: sales.id },
      },
    ])
    for (const entry of seen.newCustomers) expect(entry.maskedName).not.toBe('')

    // A salesperson sees their own customers only.
    const own = await week(sales)
    expect(ids(own.newCustomers)).toContain(mine)
    expect(ids(own.newCustomers)).not.toContain(theirs)
    const generalWeek = await week(sales, 'general')
    expect(ids(generalWeek.newCustomers)).toEqual([general])

    // Last week had none of them new.
    const previous = await send(
      manager,
      'GET',
      `/weekly-review?grade=important&week=${currentWeek(timeZone(), new Date(t.clock.now().getTime() - 7 * DAY))}`,
    )
    expect(ids(previous.json().newCustomers)).not.toContain(mine)
    const viewed = await eventsOf('weekly_review.viewed')
    expect(viewed.at(-1)?.details).toMatchObject({ grade: 'important' })

    const badWeek = await send(manager, 'GET', '/weekly-review?grade=important&week=2026-W60')
    expect(badWeek.statusCode).toBe(400)
    expect(Object.keys(badWeek.json().error.fields)).toContain('week')
  })

  it('records the review once, its plan items made follow-ups that the assignee then lists', async () => {
    const { sales, manager } = await department('梳理六部')
    const first = await customerOf(sales)
    const second = await customerOf(sales)
    const general = await customerOf(sales, 'general')
    const followUpsBefore = await count('follow_ups')
    const reviewed = thisWeek()

    // Bad items refuse the whole review: nothing is stored.
    const outsideWeek = await send(manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [{ customerId: first, dueOn: nextWeekDay(7), purpose: 'tracking' }],
    })
    expect(outsideWeek.statusCode).toBe(422)
    expect(outsideWeek.json().error.code).toBe('WEEKLY_REVIEW_DUE_OUTSIDE_NEXT_WEEK')
    const wrongGrade = await send(manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [{ customerId: general, dueOn: nextWeekDay(1), purpose: 'tracking' }],
    })
    expect(wrongGrade.json().error.code).toBe('WEEKLY_REVIEW_CUSTOMER_NOT_IN_REVIEW')
    const byASalesperson = await send(sales, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [],
    })
    expect(byASalesperson.statusCode).toBe(403)
    expect(await count('follow_ups')).toBe(followUpsBefore)
    expect(await count('weekly_reviews')).toBe(0)

    const recorded = await send(manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [
        {
          customerId: first,
          assigneeId: sales.id,
          dueOn: nextWeekDay(0),
          purpose: 'return_visit',
          note: `问${CANARY.name}新地址`,
        },
        { customerId: second, dueOn: nextWeekDay(4), purpose: 'deal_progress' },
      ],
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
    const review = recorded.json().review
    expect(review).toMatchObject({ recordedBy: { id: manager.id } })
    expect(review.items).toHaveLength(2)
    expect(review.items[0]).toMatchObject({
      customerId: first,
      assignee: { id: sales.id },
      purpose: 'return_visit',
      status: 'open',
      note: `问${CANARY.name}新地址`,
    })
    // Unless named, the customer's own salesperson follows it up.
    expect(review.items[1]).toMatchObject({ customerId: second, assignee: { id: sales.id } })
    expect(await count('follow_ups')).toBe(followUpsBefore + 2)
    // The note is sealed at rest.
    const items = await t.deps.db.selectFrom('weekly_review_items').selectAll().execute()
    expect(findCanary(JSON.stringify(items))).toBeUndefined()

    // The follow-ups are the follow-ups module's own: the assignee lists them.
    const listed = await send(sales, 'GET', '/follow-ups?assignee=me&status=open')
    expect(listed.json().items.map((f: { customerId: string }) => f.customerId)).toContain(first)
    const created = (await eventsOf('follow_up.created')).filter((e) =>
      review.items.some((i: { followUpId: string }) => i.followUpId === e.target_id),
    )
    expect(created).toHaveLength(2)
    const [event] = await eventsOf('weekly_review.recorded')
    expect(event?.details).toMatchObject({ week: thisWeek(), grade: 'important' })
    expect(findCanary(JSON.stringify(event))).toBeUndefined()

    // Once per week, grade and department; additions are explicit.
    const again = await send(manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [{ customerId: second, dueOn: nextWeekDay(2), purpose: 'tracking' }],
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('WEEKLY_REVIEW_ALREADY_RECORDED')
    expect(await count('follow_ups')).toBe(followUpsBefore + 2)
    const added = await send(manager, 'POST', `/weekly-review/${review.id}/items`, {
      items: [{ customerId: second, dueOn: nextWeekDay(2), purpose: 'tracking' }],
    })
    expect(added.statusCode, added.body).toBe(200)
    expect(added.json().review.items).toHaveLength(3)
    // The general grade is a review of its own.
    const generalReview = await send(manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'general',
      items: [],
    })
    expect(generalReview.statusCode, generalReview.body).toBe(201)

    // Another department's manager: the review is not found, nothing is added.
    const other = await department('梳理七部')
    const probe = await send(other.manager, 'POST', `/weekly-review/${review.id}/items`, {
      items: [{ customerId: second, dueOn: nextWeekDay(2), purpose: 'tracking' }],
    })
    expect(probe.statusCode).toBe(404)
    expect(probe.json().error.code).toBe('WEEKLY_REVIEW_NOT_FOUND')
    const foreign = await send(other.manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [{ customerId: first, dueOn: nextWeekDay(2), purpose: 'tracking' }],
    })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().error.code).toBe('CUSTOMER_NOT_FOUND')
    expect(await count('follow_ups')).toBe(followUpsBefore + 3)

    // A week long gone is not reviewed now.
    t.clock.advance(15 * DAY)
    const late = await send(manager, 'POST', '/weekly-review', {
      week: currentWeek(timeZone(), new Date(t.clock.now().getTime() - 14 * DAY)),
      grade: 'important',
      items: [],
    })
    expect(late.statusCode).toBe(409)
    expect(late.json().error.code).toBe('WEEKLY_REVIEW_WEEK_NOT_OPEN')
    // Those follow-ups, now past, show as missed in the week they were due.
    const missed = await week(manager, 'important', weekAfter(reviewed))
    expect(missed.missedFollowUps.map((m: { customerId: string }) => m.customerId)).toEqual(
      expect.arrayContaining([first, second]),
    )
  })
})

describe('the customer’s data (DSR-2, RET-2)', () => {
  it('carries the confirmations and the plan notes in the customer’s copy, and shreds both with the customer', async () => {
    const { sales, manager } = await department('梳理八部')
    const customer = await customerOf(sales)
    const confirmed = await send(sales, 'POST', `/customers/${customer}/confirmations`, {
      fields: ['mobile'],
      method: 'visit',
    })
    expect(confirmed.statusCode, confirmed.body).toBe(201)
    const recorded = await send(manager, 'POST', '/weekly-review', {
      week: thisWeek(),
      grade: 'important',
      items: [
        {
          customerId: customer,
          dueOn: nextWeekDay(2),
          purpose: 'tracking',
          note: `${CANARY.name}想换车位`,
        },
      ],
    })
    expect(recorded.statusCode, recorded.body).toBe(201)

    const keyRow = await t.deps.db
      .selectFrom('customer_keys')
      .selectAll()
      .where('customer_id', '=', customer)
      .executeTakeFirstOrThrow()
    const copy = await exportCustomerData(t.deps.db, customer, {
      vault: t.deps.vault,
      key: await t.deps.vault.openCustomerKey(keyRow),
    })
    expect(copy.confirmations).toMatchObject([{ fields: ['mobile'], method: 'visit' }])
    expect(copy.reviewPlanNotes).toMatchObject([{ note: `${CANARY.name}想换车位` }])
    expect((await countCustomerData(t.deps.db, customer))['weekly-review']).toEqual({
      customer_confirmations: 1,
      weekly_review_items: 1,
    })

    await t.deps.db.transaction().execute((trx) => shredCustomerData(trx, customer, t.clock.now()))
    expect((await countCustomerData(t.deps.db, customer))['weekly-review']).toEqual({
      customer_confirmations: 0,
      weekly_review_items: 0,
    })
    // The review names no customer and stays.
    expect(await count('weekly_reviews')).toBeGreaterThan(0)
  })
})
