import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY, HOUR } from '../../platform/clock.js'
import { trackingData } from './tracking.customer-data.js'

/**
 * Issue 17 §3 through the HTTP API with the clock moved: the tracking form
 * of A and B customers (客户追踪表) — versions sealed under the customer's
 * key and masked until revealed, the supervisor's checks, staleness by the
 * level's period — and the salesperson's daily report (晚会): counts taken
 * from the day's records, the text sealed, locked once reviewed. Bad input
 * and out-of-scope callers change nothing and are on the trail.
 */
let t: TestApp

/** The periods these tests run under: A stale after 3 days, B after 5. */
const PERIODS = { levelAStaleDays: 3, levelBStaleDays: 5 }

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
  const admin = await createStaff(t.deps, ['sysadmin'])
  const current = (await send(admin, 'GET', '/tracking-forms/settings')).json()
  const saved = await send(admin, 'PUT', '/tracking-forms/settings', {
    fields: current.fields,
    ...PERIODS,
  })
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
    mobile: `1391234${String(entered).padStart(4, '0')}`,
    grade: 'general',
    source: 'visit',
    ...(trackingLevel && { trackingLevel }),
  })
}

const FORM = {
  intent: 'strong',
  budget: 1_200_000,
  decision_maker: `${CANARY.name}的配偶`,
  objections: `${CANARY.name}嫌价格高，手机 ${CANARY.mobile}`,
  next_step: '周六带看样板间',
}

const versionCount = async (customerId: string) =>
  Number(
    (
      await t.deps.db
        .selectFrom('tracking_form_versions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('customer_id', '=', customerId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('the tracking form of A and B customers (客户追踪表)', () => {
  it('keeps each update as a dated version, sealed at rest, masked until revealed for a purpose', async () => {
    const { sales } = await department('追踪一部')
    const customer = await customerOf(sales, 'A')
    const empty = await send(sales, 'GET', `/customers/${customer}/tracking-form`)
    expect(empty.statusCode, empty.body).toBe(200)
    expect(empty.json()).toMatchObject({ applies: true, current: null, values: {}, stale: false })
    expect(empty.json().fields.map((f: { code: string }) => f.code)).toEqual([
      'intent',
      'budget',
      'decision_maker',
      'objections',
      'next_step',
    ])

    const first = await send(sales, 'PUT', `/customers/${customer}/tracking-form`, {
      values: FORM,
    })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ current: { version: 1 }, masked: true })
    expect(Object.values(first.json().values)).toEqual(['***', '***', '***', '***', '***'])
    expect(findCanary(first.body)).toBeUndefined()

    // An update at a follow-up: only what changed; null clears a field.
    t.clock.advance(HOUR)
    const second = await send(sales, 'PUT', `/customers/${customer}/tracking-form`, {
      values: { intent: 'moderate', next_step: null },
    })
    expect(second.statusCode, second.body).toBe(200)
    expect(second.json().history).toMatchObject([
      { version: 2, changed: ['intent', 'next_step'] },
      { version: 1 },
    ])
    expect(Object.keys(second.json().values)).not.toContain('next_step')

    // Sealed at rest: no value of the form in the table, nor on the trail.
    const rows = await t.deps.db
      .selectFrom('tracking_form_versions')
      .selectAll()
      .where('customer_id', '=', customer)
      .execute()
    expect(rows).toHaveLength(2)
    expect(findCanary(JSON.stringify(rows))).toBeUndefined()
    expect(JSON.stringify(rows)).not.toContain('1200000')
    const trail = await t.deps.db.selectFrom('audit_events').select('details').execute()
    expect(findCanary(JSON.stringify(trail))).toBeUndefined()

    const revealed = await send(sales, 'POST', `/customers/${customer}/tracking-form/reveal`, {
      purpose: 'service',
    })
    expect(revealed.statusCode, revealed.body).toBe(200)
    expect(revealed.json().values).toEqual({
      intent: 'moderate',
      budget: '1200000',
      decision_maker: FORM.decision_maker,
      objections: FORM.objections,
    })
    const audited = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'purpose', 'outcome'])
      .where('target_id', '=', customer)
      .where('action', 'in', ['tracking_form.revealed', 'tracking_form.updated'])
      .orderBy('id')
      .execute()
    expect(audited).toEqual([
      { action: 'tracking_form.updated', purpose: null, outcome: 'allowed' },
      { action: 'tracking_form.updated', purpose: null, outcome: 'allowed' },
      { action: 'tracking_form.revealed', purpose: 'service', outcome: 'allowed' },
    ])
  })

  it('is carried only by A and B customers, and refuses bad values with field errors, writing nothing', async () => {
    const { sales } = await department('追踪二部')
    const levelC = await customerOf(sales, 'C')
    const shown = await send(sales, 'GET', `/customers/${levelC}/tracking-form`)
    expect(shown.json()).toMatchObject({ applies: false, staleAt: null })
    const refused = await send(sales, 'PUT', `/customers/${levelC}/tracking-form`, {
      values: { intent: 'strong' },
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('TRACKING_FORM_NOT_APPLICABLE')

    const levelB = await customerOf(sales, 'B')
    const bad = await call(t.app, {
      method: 'PUT',
      url: `/api/v1/customers/${levelB}/tracking-form`,
      cookie: await as(sales),
      headers: { 'accept-language': 'zh-CN' },
      payload: { values: { intent: 'maybe', budget: -5, colour: 'red' } },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        'values.intent': expect.any(String),
        'values.budget': expect.any(String),
        'values.colour': expect.any(String),
      },
    })
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/)
    const malformed = await send(sales, 'PUT', `/customers/${levelB}/tracking-form`, {
      values: { intent: 'strong' },
      extra: true,
    })
    expect(malformed.statusCode).toBe(400)
    const nothing = await send(sales, 'PUT', `/customers/${levelB}/tracking-form`, { values: {} })
    expect(nothing.json().error.code).toBe('NOTHING_TO_CHANGE')
    expect(await versionCount(levelB)).toBe(0)
  })

  it('flags a form not updated within its level’s period, until it is updated again', async () => {
    const { sales, manager } = await department('追踪三部')
    const a = await customerOf(sales, 'A')
    const b = await customerOf(sales, 'B')
    expect(
      (await send(sales, 'PUT', `/customers/${a}/tracking-form`, { values: FORM })).statusCode,
    ).toBe(200)
    expect(
      (await send(sales, 'PUT', `/customers/${b}/tracking-form`, { values: FORM })).statusCode,
    ).toBe(200)
    const staleIds = async () =>
      (await send(manager, 'GET', '/tracking-forms?stale=true'))
        .json()
        .items.map((i: { customerId: string }) => i.customerId)
    expect(await staleIds()).toEqual([])
    const all = await send(manager, 'GET', '/tracking-forms')
    expect(all.statusCode, all.body).toBe(200)
    expect(all.json().items).toMatchObject([
      { customerId: a, trackingLevel: 'A', version: 1, stale: false, owner: { id: sales.id } },
      { customerId: b, trackingLevel: 'B', version: 1, stale: false },
    ])
    expect(findCanary(all.body)).toBeUndefined()

    t.clock.advance(3 * DAY)
    expect(await staleIds()).toEqual([a])
    expect((await send(sales, 'GET', `/customers/${a}/tracking-form`)).json().stale).toBe(true)
    t.clock.advance(2 * DAY)
    expect(await staleIds()).toEqual([a, b])
    // Updated at a follow-up, A is fresh again.
    expect(
      (await send(sales, 'PUT', `/customers/${a}/tracking-form`, { values: { budget: 900_000 } }))
        .statusCode,
    ).toBe(200)
    expect(await staleIds()).toEqual([b])
    // A salesperson does not supervise.
    expect((await send(sales, 'GET', '/tracking-forms?stale=true')).statusCode).toBe(403)
  })

  it('records the supervisor’s checks with a sealed comment, refused to a salesperson', async () => {
    const { sales, manager } = await department('追踪四部')
    const customer = await customerOf(sales, 'A')
    await send(sales, 'PUT', `/customers/${customer}/tracking-form`, { values: FORM })
    const comment = `${CANARY.name}的预算需再确认`
    const checked = await send(manager, 'POST', `/customers/${customer}/tracking-form/checks`, {
      comment,
    })
    expect(checked.statusCode, checked.body).toBe(201)
    expect(checked.json().checks).toMatchObject([
      { version: 1, checkedBy: { id: manager.id }, comment: '***' },
    ])
    expect(findCanary(checked.body)).toBeUndefined()
    const stored = await t.deps.db
      .selectFrom('tracking_checks')
      .selectAll()
      .where('customer_id', '=', customer)
      .execute()
    expect(findCanary(JSON.stringify(stored))).toBeUndefined()
    const revealed = await send(manager, 'POST', `/customers/${customer}/tracking-form/reveal`, {
      purpose: 'service',
    })
    expect(Object.values(revealed.json().comments)).toEqual([comment])
    expect((await send(manager, 'GET', '/tracking-forms')).json().items).toMatchObject([
      { customerId: customer, lastCheckedAt: expect.any(String) },
    ])

    const bySales = await send(sales, 'POST', `/customers/${customer}/tracking-form/checks`, {
      comment: '自查',
    })
    expect(bySales.statusCode).toBe(403)
    const empty = await send(manager, 'POST', `/customers/${customer}/tracking-form/checks`, {
      comment: '   ',
    })
    expect(empty.statusCode).toBe(400)
    expect(stored).toHaveLength(1)
  })

  it('answers a customer out of scope as not found, on the trail, and changes nothing', async () => {
    const { sales } = await department('追踪五部')
    const other = await department('追踪六部')
    const customer = await customerOf(sales, 'A')
    await send(sales, 'PUT', `/customers/${customer}/tracking-form`, { values: FORM })
    for (const [method, url, payload] of [
      ['GET', `/customers/${customer}/tracking-form`, undefined],
      ['PUT', `/customers/${customer}/tracking-form`, { values: { intent: 'weak' } }],
      ['POST', `/customers/${customer}/tracking-form/checks`, { comment: '越权检查' }],
      ['POST', `/customers/${customer}/tracking-form/reveal`, { purpose: 'service' }],
    ] as const) {
      const staff = url.endsWith('/checks') ? other.manager : other.sales
      const answer = await send(staff, method, url, payload)
      expect(answer.statusCode, `${method} ${url}`).toBe(404)
      expect(answer.json().error.code).toBe('CUSTOMER_NOT_FOUND')
    }
    expect(await versionCount(customer)).toBe(1)
    const refused = await t.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', customer)
      .where('reason', '=', 'out_of_scope')
      .execute()
    expect(refused.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'tracking_form.viewed',
        'tracking_form.updated',
        'tracking_form.checked',
        'tracking_form.revealed',
      ]),
    )
    // The other department's list does not show it.
    expect((await send(other.manager, 'GET', '/tracking-forms')).json().items).toEqual([])
  })

  it('is in the customer’s copy opened, and goes with the customer (DSR-2, RET-2)', async () => {
    const { sales, manager } = await department('追踪八部')
    const customer = await customerOf(sales, 'B')
    await send(sales, 'PUT', `/customers/${customer}/tracking-form`, { values: FORM })
    await send(manager, 'POST', `/customers/${customer}/tracking-form/checks`, { comment: '已核' })
    const key = await t.deps.db
      .selectFrom('customer_keys')
      .selectAll()
      .where('customer_id', '=', customer)
      .executeTakeFirstOrThrow()
    const copy = await trackingData.exportFor(t.deps.db, customer, {
      vault: t.deps.vault,
      key: await t.deps.vault.openCustomerKey(key),
    })
    expect(copy.trackingForm).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          version: 1,
          field: { zh: '意向', en: 'Intent' },
          value: '强烈 / Strong',
        }),
        expect.objectContaining({
          field: { zh: '决策人', en: 'Decision maker' },
          value: FORM.decision_maker,
        }),
      ]),
    )
    expect(copy.trackingChecks).toMatchObject([{ comment: '已核' }])
    await t.deps.db.transaction().execute((trx) => trackingData.shred(trx, customer, t.clock.now()))
    expect(await trackingData.count(t.deps.db, customer)).toEqual({
      tracking_form_versions: 0,
      tracking_checks: 0,
    })
  })

  it('refuses settings that are not a usable form', async () => {
    const admin = await createStaff(t.deps, ['sysadmin'])
    const duplicate = await send(admin, 'PUT', '/tracking-forms/settings', {
      fields: [
        { code: 'budget', kind: 'amount', labelZh: '预算', labelEn: 'Budget', options: [] },
        { code: 'budget', kind: 'text', labelZh: '预算', labelEn: 'Budget', options: [] },
      ],
      ...PERIODS,
    })
    expect(duplicate.statusCode).toBe(422)
    expect(duplicate.json().error.code).toBe('TRACKING_FIELDS_INVALID')
    const { sales } = await department('追踪七部')
    expect(
      (await send(sales, 'PUT', '/tracking-forms/settings', { fields: [], ...PERIODS })).statusCode,
    ).toBe(403)
  })
})

describe('the daily report (晚会)', () => {
  it('counts the day’s records of its author, matching a hand count, and seals its text', async () => {
    const { sales, manager } = await department('日报一部')
    // Yesterday: one customer, which must not count today.
    await customerOf(sales)
    t.clock.advance(DAY)
    // Today: two new customers, one call logged, one follow-up done, one deal signed.
    const first = await customerOf(sales, 'A')
    await customerOf(sales)
    const logged = await send(sales, 'POST', `/customers/${first}/interactions`, {
      channel: 'phone',
      direction: 'outbound',
    })
    expect(logged.statusCode, logged.body).toBe(201)
    const planned = await send(sales, 'POST', '/follow-ups', {
      customerId: first,
      dueAt: new Date(t.clock.now().getTime() + HOUR).toISOString(),
      purpose: 'tracking',
    })
    expect(planned.statusCode, planned.body).toBe(201)
    const done = await send(sales, 'POST', `/follow-ups/${planned.json().id}/complete`, {
      result: 'interested',
    })
    expect(done.statusCode, done.body).toBe(200)
    const deal = await send(sales, 'POST', '/deals', { customerId: first, stage: 'signed' })
    expect(deal.statusCode, deal.body).toBe(201)
    // The manager's own work is not the salesperson's.
    await customerOf(manager)

    const hand = { newCustomers: 2, interactions: 1, followUpsDone: 1, dealsSigned: 1 }
    const today = await send(sales, 'GET', '/daily-reports/today')
    expect(today.statusCode, today.body).toBe(200)
    expect(today.json()).toMatchObject({ counts: hand, report: null })
    const day = today.json().day

    const text = `${CANARY.name}对价格有异议，需经理协助`
    const submitted = await send(sales, 'POST', '/daily-reports', { text })
    expect(submitted.statusCode, submitted.body).toBe(200)
    expect(submitted.json()).toMatchObject({
      day,
      counts: hand,
      text,
      reviewedAt: null,
      author: { id: sales.id },
    })
    const stored = await t.deps.db
      .selectFrom('daily_reports')
      .selectAll()
      .where('account_id', '=', sales.id)
      .execute()
    expect(stored).toHaveLength(1)
    expect(findCanary(JSON.stringify(stored))).toBeUndefined()
    const trail = await t.deps.db.selectFrom('audit_events').select('details').execute()
    expect(findCanary(JSON.stringify(trail))).toBeUndefined()

    // Amended the same day before review: still one report, counts taken again.
    await customerOf(sales)
    const amended = await send(sales, 'POST', '/daily-reports', {})
    expect(amended.json()).toMatchObject({
      id: submitted.json().id,
      counts: { ...hand, newCustomers: 3 },
      text,
      amendedAt: expect.any(String),
    })
  })

  it('is reviewed by a manager of the department, and locked from then on', async () => {
    const { sales, manager } = await department('日报二部')
    const other = await department('日报三部')
    const report = (await send(sales, 'POST', '/daily-reports', { text: '今日无问题' })).json()

    const pending = await send(manager, 'GET', '/daily-reports?of=department&status=pending')
    expect(pending.statusCode, pending.body).toBe(200)
    expect(pending.json().items).toMatchObject([{ id: report.id, text: '今日无问题' }])
    expect((await send(other.manager, 'GET', '/daily-reports?of=department')).json().items).toEqual(
      [],
    )
    expect((await send(sales, 'GET', '/daily-reports?of=department')).statusCode).toBe(403)

    // Out of the department: not found, on the trail.
    const outside = await send(other.manager, 'POST', `/daily-reports/${report.id}/review`, {})
    expect(outside.statusCode).toBe(404)
    expect(outside.json().error.code).toBe('DAILY_REPORT_NOT_FOUND')
    const refused = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('target_id', '=', report.id)
      .where('outcome', '=', 'denied')
      .execute()
    expect(refused).toEqual([{ action: 'daily_report.reviewed', reason: 'out_of_scope' }])
    // A salesperson does not review.
    expect((await send(sales, 'POST', `/daily-reports/${report.id}/review`, {})).statusCode).toBe(
      403,
    )
    // A manager does not review their own.
    const own = (await send(manager, 'POST', '/daily-reports', {})).json()
    expect(
      (await send(manager, 'POST', `/daily-reports/${own.id}/review`, {})).json().error.code,
    ).toBe('DAILY_REPORT_OWN')

    const reviewed = await send(manager, 'POST', `/daily-reports/${report.id}/review`, {
      comment: '明天跟进价格问题',
    })
    expect(reviewed.statusCode, reviewed.body).toBe(200)
    expect(reviewed.json()).toMatchObject({
      reviewedBy: { id: manager.id },
      comment: '明天跟进价格问题',
    })
    const again = await send(manager, 'POST', `/daily-reports/${report.id}/review`, {})
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('DAILY_REPORT_REVIEWED')
    const amend = await send(sales, 'POST', '/daily-reports', { text: '改写' })
    expect(amend.statusCode).toBe(409)
    expect(amend.json().error.code).toBe('DAILY_REPORT_REVIEWED')
    const mine = (await send(sales, 'GET', '/daily-reports')).json()
    expect(mine.items).toMatchObject([
      { id: report.id, text: '今日无问题', comment: '明天跟进价格问题' },
    ])

    // The next day is a new report.
    t.clock.advance(DAY)
    const next = await send(sales, 'POST', '/daily-reports', {})
    expect(next.statusCode).toBe(200)
    expect(next.json().id).not.toBe(report.id)
    const bad = await send(sales, 'POST', '/daily-reports', { text: 'x'.repeat(4001) })
    expect(bad.statusCode).toBe(400)
    expect((await send(manager, 'POST', '/daily-reports/not-a-uuid/review', {})).statusCode).toBe(
      400,
    )
  })
})
