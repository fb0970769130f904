import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY, HOUR } from '../../platform/clock.js'

/**
 * Issue 17 §6 (RPT-1), the visit-and-call statistics (来人来电统计表, 周/月
 * 来人来电统计成交状况分析表) through the HTTP API, on a fixed data set built
 * through the same API the staff use, over two days of the company's
 * calendar (Asia/Shanghai; the test clock starts Monday 2026-01-05 09:00).
 * Every expected figure below is counted by hand from the steps, not read
 * back from the code:
 *
 * Monday 2026-01-05
 *   A enters customer X1; B enters X2; C (another department) enters X3.
 *   A logs a call without a customer.            A: call
 *   B logs a call for X2.                        B: call, contact (X2's first: first contact)
 *   X1 visits, received by A, who finishes the visit.
 *                                                A: visit, contact (X1's first: first contact)
 *   A logs an outbound call with X1.             A: contact
 *   A plans F1 for X1 due Tuesday, F2 due Monday 18:00 (never done: missed Monday).
 *   A signs deal D1 with X1.                     A: deal signed; X1 converted
 *   B opens deal D2 with X2 at 意向.
 *   C logs a visit with X3.                      C: contact, first contact
 * Tuesday 2026-01-06
 *   A completes F1.                              A: follow-up done
 *   B logs a call with X2 (not a first).         B: contact
 *   D2 ends 未成交, reason 价格.                  B: deal lost
 */
let t: TestApp

type Counts = Record<string, number>
type Statistics = {
  reach: { kind: string; departmentId: string | null }
  buckets: string[]
  rows: { bucket: string; accountId: string; name: string; counts: Counts }[]
  departments: {
    bucket: string
    departmentId: string | null
    name: string | null
    counts: Counts
  }[]
  totals: Counts
  dealsByStage: { code: string; count: number }[]
  noDealReasons: { kind: string; code: string; labelZh: string; count: number }[]
}

const ZERO: Counts = {
  visits: 0,
  calls: 0,
  contacts: 0,
  newCustomers: 0,
  followUpsDone: 0,
  followUpsMissed: 0,
  dealsSigned: 0,
  dealsLost: 0,
  firstContacts: 0,
  converted: 0,
}
const counts = (some: Counts) => ({ ...ZERO, ...some })

let one: string
let two: string
let manager: Staff
let a: Staff
let b: Staff
let c: Staff
let compliance: Staff
let auditor: Staff
let x3: string

const as = (staff: Staff) => signInAs(t.app, staff)

async function send(staff: Staff, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const response = await call(t.app, {
    method,
    url: `/api/v1${url}`,
    cookie: await as(staff),
    ...(payload && { payload }),
  })
  return response
}

async function done(staff: Staff, method: 'POST' | 'PATCH', url: string, payload: object = {}) {
  const response = await send(staff, method, url, payload)
  expect(response.statusCode, response.body).toBeLessThan(300)
  return response.json()
}

let entered = 0
async function customerOf(owner: Staff) {
  entered += 1
  return createCustomerAs(t.app, await as(owner), {
    kind: 'individual',
    name: CANARY.name,
    mobile: `1391234${String(entered).padStart(4, '0')}`,
    grade: 'general',
    source: 'visit',
  })
}

const statisticsOf = async (staff: Staff, query: string): Promise<Statistics> => {
  const response = await send(staff, 'GET', `/statistics/visits-calls?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  expect(findCanary(response.body)).toBeUndefined()
  return response.json()
}

const TWO_DAYS = 'from=2026-01-05&to=2026-01-06'

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
  one = await createDepartment(t.deps, '统计一部')
  two = await createDepartment(t.deps, '统计二部')
  manager = await createStaff(t.deps, ['manager'], { departmentId: one })
  a = await createStaff(t.deps, ['sales'], { departmentId: one })
  b = await createStaff(t.deps, ['sales'], { departmentId: one })
  c = await createStaff(t.deps, ['sales'], { departmentId: two })
  compliance = await createStaff(t.deps, ['compliance'])
  auditor = await createStaff(t.deps, ['auditor'])

  // Monday
  const x1 = await customerOf(a)
  const x2 = await customerOf(b)
  x3 = await customerOf(c)
  await done(a, 'POST', '/reception/calls', { channel: 'phone', outcome: 'other' })
  await done(b, 'POST', '/reception/calls', {
    channel: 'phone',
    outcome: 'interested',
    customerId: x2,
  })
  await done(a, 'POST', '/reception/check-in')
  const visit = await done(a, 'POST', '/reception/visits', {
    visit: 'named',
    receiverId: a.id,
    customerId: x1,
  })
  await done(a, 'POST', `/reception/visits/${visit.id}/finish`, { outcome: 'interested' })
  await done(a, 'POST', `/customers/${x1}/interactions`, {
    channel: 'phone',
    direction: 'outbound',
  })
  const inHours = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString()
  const f1 = await done(a, 'POST', '/follow-ups', {
    customerId: x1,
    dueAt: inHours(24),
    purpose: 'tracking',
  })
  await done(a, 'POST', '/follow-ups', { customerId: x1, dueAt: inHours(9), purpose: 'tracking' })
  await done(a, 'POST', '/deals', { customerId: x1, stage: 'signed' })
  const d2 = await done(b, 'POST', '/deals', { customerId: x2, stage: 'intent' })
  await done(c, 'POST', `/customers/${x3}/interactions`, { channel: 'visit', direction: 'inbound' })

  // Tuesday
  t.clock.advance(DAY)
  await done(a, 'POST', `/follow-ups/${f1.id}/complete`, { result: 'reached' })
  await done(b, 'POST', `/customers/${x2}/interactions`, {
    channel: 'phone',
    direction: 'outbound',
  })
  await done(b, 'PATCH', `/deals/${d2.id}`, { stage: 'lost', reason: 'price' })
})

describe('the visit-and-call statistics (来人来电统计, issue 17 §6, RPT-1)', () => {
  it('counts each salesperson’s work per day of the manager’s department, as counted by hand', async () => {
    const s = await statisticsOf(manager, `period=day&${TWO_DAYS}`)
    expect(s.reach).toEqual({ kind: 'department', departmentId: one })
    expect(s.buckets).toEqual(['2026-01-05', '2026-01-06'])
    const cell = (bucket: string, who: Staff) =>
      s.rows.find((r) => r.bucket === bucket && r.accountId === who.id)?.counts
    expect(cell('2026-01-05', a)).toEqual(
      counts({
        visits: 1,
        calls: 1,
        contacts: 2,
        newCustomers: 1,
        followUpsMissed: 1,
        dealsSigned: 1,
        firstContacts: 1,
        converted: 1,
      }),
    )
    expect(cell('2026-01-05', b)).toEqual(
      counts({ calls: 1, contacts: 1, newCustomers: 1, firstContacts: 1 }),
    )
    expect(cell('2026-01-06', a)).toEqual(counts({ followUpsDone: 1 }))
    expect(cell('2026-01-06', b)).toEqual(counts({ contacts: 1, dealsLost: 1 }))
    expect(s.rows.some((r) => r.accountId === c.id)).toBe(false)
    expect(s.rows).toHaveLength(4)

    expect(s.departments).toEqual([
      {
        bucket: '2026-01-05',
        departmentId: one,
        name: '统计一部',
        counts: counts({
          visits: 1,
          calls: 2,
          contacts: 3,
          newCustomers: 2,
          followUpsMissed: 1,
          dealsSigned: 1,
          firstContacts: 2,
          converted: 1,
        }),
      },
      {
        bucket: '2026-01-06',
        departmentId: one,
        name: '统计一部',
        counts: counts({ contacts: 1, followUpsDone: 1, dealsLost: 1 }),
      },
    ])
    expect(s.dealsByStage).toEqual([
      expect.objectContaining({ code: 'signed', count: 1 }),
      expect.objectContaining({ code: 'lost', count: 1 }),
    ])
    expect(s.noDealReasons).toEqual([
      expect.objectContaining({ kind: 'lost', code: 'price', labelZh: '价格', count: 1 }),
    ])
  })

  it('sums the same work into one ISO week and one month', async () => {
    const week = await statisticsOf(manager, `period=week&${TWO_DAYS}`)
    expect(week.buckets).toEqual(['2026-01-05'])
    const weekly = week.rows.find((r) => r.accountId === b.id)?.counts
    expect(weekly).toEqual(
      counts({ calls: 1, contacts: 2, newCustomers: 1, dealsLost: 1, firstContacts: 1 }),
    )
    const month = await statisticsOf(manager, 'period=month&from=2026-01-01&to=2026-01-31')
    expect(month.buckets).toEqual(['2026-01-01'])
    expect(month.totals).toEqual(week.totals)
    expect(month.totals).toEqual(
      counts({
        visits: 1,
        calls: 2,
        contacts: 4,
        newCustomers: 2,
        followUpsDone: 1,
        followUpsMissed: 1,
        dealsSigned: 1,
        dealsLost: 1,
        firstContacts: 2,
        converted: 1,
      }),
    )
  })

  it('counts every department for a scope of all and for the auditor, or the one asked for; a day outside counts nothing', async () => {
    const all = await statisticsOf(compliance, `period=week&${TWO_DAYS}`)
    expect(all.reach.kind).toBe('all')
    expect(all.rows.find((r) => r.accountId === c.id)?.counts).toEqual(
      counts({ contacts: 1, newCustomers: 1, firstContacts: 1 }),
    )
    expect(all.departments.map((d) => d.name).sort()).toEqual(['统计一部', '统计二部'])
    const second = await statisticsOf(compliance, `period=week&${TWO_DAYS}&departmentId=${two}`)
    expect(second.rows.map((r) => r.accountId)).toEqual([c.id])
    // The auditor reads reports and no customer: the same figures, every department.
    const audited = await statisticsOf(auditor, `period=week&${TWO_DAYS}`)
    expect(audited.reach.kind).toBe('all')
    expect(audited.totals).toEqual(all.totals)
    expect(
      (await statisticsOf(auditor, `period=week&${TWO_DAYS}&departmentId=${two}`)).rows,
    ).toEqual(second.rows)
    const before = await statisticsOf(compliance, 'period=day&from=2026-01-04&to=2026-01-04')
    expect(before.rows).toEqual([])
    expect(before.totals).toEqual(ZERO)
  })

  it('refuses a salesperson, another department for a manager, and bad ranges in the caller’s language', async () => {
    expect((await send(a, 'GET', `/statistics/visits-calls?${TWO_DAYS}`)).statusCode).toBe(403)
    const other = await send(
      manager,
      'GET',
      `/statistics/visits-calls?${TWO_DAYS}&departmentId=${two}`,
    )
    expect(other.statusCode).toBe(403)

    const reversed = await call(t.app, {
      method: 'GET',
      url: '/api/v1/statistics/visits-calls?from=2026-01-06&to=2026-01-05',
      cookie: await as(manager),
      headers: { 'accept-language': 'en' },
    })
    expect(reversed.statusCode).toBe(400)
    expect(reversed.json().error.fields).toEqual({
      to: 'The end date cannot be before the start date.',
    })
    const tooLong = await send(
      manager,
      'GET',
      '/statistics/visits-calls?from=2020-01-01&to=2026-01-05',
    )
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().error.fields.to).toBe('统计范围最长两年。')
    for (const query of [
      'period=year&from=2026-01-01&to=2026-01-02',
      'from=2026-13-01&to=2026-13-02',
      'to=2026-01-02',
    ]) {
      const answer = await send(manager, 'GET', `/statistics/visits-calls?${query}`)
      expect(answer.statusCode, query).toBe(400)
    }
  })

  it('exports the statistics as a workbook in the caller’s language, with no customer in it, and audits the download', async () => {
    const response = await call(t.app, {
      method: 'GET',
      url: `/api/v1/statistics/visits-calls/export?period=day&${TWO_DAYS}&language=en`,
      cookie: await as(manager),
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-disposition']).toContain('.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'By salesperson',
      'By department',
      'Deals by stage',
      'Reasons for no deal',
    ])
    const people = book.getWorksheet('By salesperson')
    expect(people?.getRow(1).getCell(4).value).toBe('Visits')
    // Four rows of work and the total row: the total's visits are the one visit.
    expect(people?.rowCount).toBe(6)
    expect(people?.getRow(6).getCell(1).value).toBe('Total')
    expect(people?.getRow(6).getCell(4).value).toBe(1)
    const cells: string[] = []
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))))
    }
    expect(findCanary(cells.join('\n'))).toBeUndefined()

    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'statistics.exported')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]?.details).toMatchObject({ period: 'day', reach: 'department', rows: 4 })
  })

  it('moves a first contact to an earlier interaction logged afterwards, out of the range (issue 17 §6)', async () => {
    // On Tuesday C logs a visit with X3 that happened on Sunday, before the range.
    await done(c, 'POST', `/customers/${x3}/interactions`, {
      channel: 'visit',
      direction: 'inbound',
      occurredAt: '2026-01-04T10:00:00+08:00',
    })
    const s = await statisticsOf(compliance, `period=week&${TWO_DAYS}&departmentId=${two}`)
    expect(s.rows.find((r) => r.accountId === c.id)?.counts).toEqual(
      counts({ contacts: 1, newCustomers: 1 }),
    )
    const sunday = await statisticsOf(compliance, 'period=day&from=2026-01-04&to=2026-01-04')
    expect(sunday.totals).toEqual(counts({ contacts: 1, firstContacts: 1 }))
  })
})
