import Fastify from 'fastify'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import type { CustomerRecordKind } from '../../platform/http/customer-scope.js'
import { registerCustomerScopeGuard } from './customer-scope-guard.js'
import {
  CUSTOMER_STORE_TABLES,
  DEPARTMENT_RECORD_TABLES,
  LINKED_RECORDS,
} from './linked-records.js'

/**
 * ACC-1: a manager of department B reached department A's
 * customers through the records that belong to them — approving, and so
 * crypto-shredding, a department-A destruction, rejecting one, and listing
 * every department's. Every route that names a customer-linked record is
 * taken from the app's own route table and called as that manager: each
 * answers 404, changes nothing and is audited `out_of_scope`.
 */
let t: TestApp
let managerA: string
let managerB: string
let officer: string
let secondOfficer: string
let customer: string
/** The other customer of the likely-duplicate pair. */
let twin: string
const records = {} as Record<CustomerRecordKind, string>

/** Routes outside /api/v1 resources that hold no customer data (deny by default: a new resource must be named here or be scoped). */
const NOT_CUSTOMER_LINKED = [
  '/accounts/',
  '/departments/',
  '/purposes/',
  '/alerts/',
  '/alert-rules/',
  '/notices/',
  '/field-catalogue/',
  '/tokens/',
  '/calendar/',
  '/retention/policies/',
  '/approvals/',
  // The desk's own records, scoped to the caller's department (linked-records.ts).
  '/reception/',
  // The pool (公海): customers without an owner, reached under the pool rule
  // (customer-policy mayBrowsePool), never the owner scope (pool.api.test.ts).
  '/pool/',
  // Each account's own notification centre: masked parameters and a link, never a customer's record.
  '/notifications/',
  // Each salesperson's daily report (晚会): staff's record of a day, scoped to its author and the author's department (tracking module).
  '/daily-reports/',
  // Feedback forms and surveys name no customer; a survey lists only the invitees in the
  // caller's scope (feedback.api.test.ts). Improvement items are about the service environment.
  '/feedback-forms/',
  '/feedback-surveys/',
  '/improvement-items/',
  // A department's weekly review (梳理): recorded for a department the reviewer covers whole,
  // another's answers as not found; each plan item's customer goes through the guard.
  '/weekly-review/',
  // An export is its requester's alone (others: not found); its rows are the requester's
  // own list, read under the list's scope when the file is made (exports.api.test.ts).
  '/exports/',
  // An import is its uploader's alone (others: not found); it names no customer, and the
  // customers its rows match are looked up under the uploader's scope (imports.api.test.ts).
  '/imports/',
]

const api = (url: string) => url.replace(/^\/api\/v1/, '')
const hasPathParam = (url: string) => /\/:[A-Za-z]/.test(url)

beforeAll(async () => {
  t = await createTestApp()
  // The scope check, not the permission check, is under test: department
  // managers here also take requests, record consents and handle retention
  // (role grants are data, so an installation may configure this).
  await t.deps.db
    .insertInto('role_permissions')
    .values(
      ['requests.manage', 'consents.manage', 'retention.manage'].map((permission) => ({
        role: 'manager',
        permission,
      })),
    )
    .onConflict((c) => c.doNothing())
    .execute()
  // Consents rest on a published notice (CON-1).
  await publishPrivacyNotice(t.app, t.deps)
  const deptA = await createDepartment(t.deps, '零售业务部')
  const deptB = await createDepartment(t.deps, '对公业务部')
  managerA = await signedIn(t.app, t.deps, 'manager', deptA)
  managerB = await signedIn(t.app, t.deps, 'manager', deptB)
  officer = await signedIn(t.app, t.deps, 'compliance')
  secondOfficer = await signedIn(t.app, t.deps, 'compliance')
  customer = await createCustomerAs(t.app, managerA, individual())
  records.customer = customer

  const consent = await post(
    `/customers/${customer}/consents`,
    { purpose: 'third_party', granted: true, channel: 'paper', recipient: '某保险股份有限公司' },
    managerA,
  )
  expect(consent.statusCode, consent.body).toBe(201)
  records.consent = consent.json().id
  const request = await post('/requests', { customerId: customer, type: 'access' }, officer)
  expect(request.statusCode, request.body).toBe(201)
  records.request = request.json().id
  const hold = await post(
    `/customers/${customer}/legal-holds`,
    { reference: '案号 2026-3' },
    officer,
  )
  expect(hold.statusCode, hold.body).toBe(201)
  records.legal_hold = hold.json().id
  // A review opened as the retention job opens one.
  const policy = await t.deps.db
    .selectFrom('retention_policies')
    .select('code')
    .orderBy('code')
    .executeTakeFirstOrThrow()
  const review = await t.deps.db
    .insertInto('retention_reviews')
    .values({
      customer_id: customer,
      policy: policy.code,
      expired_at: t.clock.now(),
      flagged_at: t.clock.now(),
      status: 'open',
      decided_by: null,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  records.retention_review = review.id
  // A deal (成交) of the customer, recorded by its own department.
  const deal = await post('/deals', { customerId: customer, stage: 'intent' }, managerA)
  expect(deal.statusCode, deal.body).toBe(201)
  records.deal = deal.json().id
  // A follow-up (跟踪) of the customer, planned by its own department.
  const followUp = await post(
    '/follow-ups',
    { customerId: customer, dueAt: '2026-01-06T10:00:00+08:00', purpose: 'tracking' },
    managerA,
  )
  expect(followUp.statusCode, followUp.body).toBe(201)
  records.follow_up = followUp.json().id
  // An interaction (跟进记录) with the customer, logged by its own department.
  const interaction = await post(
    `/customers/${customer}/interactions`,
    { channel: 'phone', direction: 'outbound', note: '回访' },
    managerA,
  )
  expect(interaction.statusCode, interaction.body).toBe(201)
  records.interaction = interaction.json().id
  // A feedback response (客户信息反馈) of the customer, to a form of one scale question.
  const form = await t.deps.db
    .insertInto('feedback_forms')
    .values({
      version: 1,
      name: '反馈表',
      grade: null,
      fields: JSON.stringify([{ key: 'service', kind: 'scale', label: '满意度', required: true }]),
      created_by: (await t.deps.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow())
        .id,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const response = await post(
    `/customers/${customer}/feedback`,
    { formId: form.id, answers: { service: 4 } },
    managerA,
  )
  expect(response.statusCode, response.body).toBe(201)
  records.feedback_response = response.json().id
  // A pair of likely duplicates (DQ-1) of two department-A customers, as a sweep leaves it.
  twin = await createCustomerAs(t.app, managerA, { kind: 'individual', name: '甄二' })
  const [a, b] = [customer, twin].sort() as [string, string]
  const pair = await t.deps.db
    .insertInto('duplicate_pairs')
    .values({
      customer_a: a,
      customer_b: b,
      score: 0.95,
      reasons: '[]',
      status: 'open',
      found_at: t.clock.now(),
      scored_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  records.duplicate_pair = pair.id
  // A merge (DQ-1) the customer survived, past undoing: the guard reads its survivor.
  const merge = await t.deps.db
    .insertInto('customer_merges')
    .values({
      pair_id: pair.id,
      survivor_id: customer,
      merged_id: twin,
      merged_status: 'approved',
      merged_by: (await t.deps.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id,
      merged_at: t.clock.now(),
      undo_until: t.clock.now(),
      taken_fields: '[]',
      status: 'final',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  records.merge = merge.id
  // The legal hold would stop the destruction request: it is placed again after.
  await call(t.app, {
    method: 'DELETE',
    url: `/api/v1/legal-holds/${hold.json().id}`,
    cookie: officer,
  })
  const destruction = await post(
    `/customers/${customer}/destruction`,
    { reason: 'customer_request' },
    officer,
  )
  expect(destruction.statusCode, destruction.body).toBe(202)
  records.destruction = destruction.json().id
  const again = await post(
    `/customers/${customer}/legal-holds`,
    { reference: '案号 2026-4' },
    officer,
  )
  records.legal_hold = again.json().id
})

const post = (url: string, payload: Record<string, unknown>, cookie: string) =>
  call(t.app, { method: 'POST', url: `/api/v1${url}`, cookie, payload })
const get = (url: string, cookie: string) =>
  call(t.app, { method: 'GET', url: `/api/v1${url}`, cookie })

/** Every row of the customer and of every table keyed by a customer, to prove nothing changed. */
async function snapshot(): Promise<string[]> {
  const tables = await customerKeyedTables()
  const out: string[] = []
  for (const table of ['customers', 'data_request_events', ...tables]) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      t.deps.db,
    )
    out.push(
      `${table}: ${rows
        .map((r) => JSON.stringify(r))
        .sort()
        .join('\n')}`,
    )
  }
  return out
}

async function customerKeyedTables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'customer_id'
      and table_name in (select tablename from pg_tables where schemaname = 'public')
    order by table_name`.execute(t.deps.db)
  return rows.map((r) => r.table_name)
}

/** A pair names two customers: the guard's refusal names whichever it checked first. */
async function outOfScopeEvents(action: string) {
  return t.deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .where('target_id', 'in', [customer, twin])
    .where('reason', '=', 'out_of_scope')
    .execute()
}

const keyRows = () =>
  t.deps.db.selectFrom('customer_keys').select('customer_id').where('customer_id', '=', customer)

describe('scope on every customer-linked route (ACC-1)', () => {
  it('refuses department B’s manager the approval of a department-A destruction: 404, not shredded, audited', async () => {
    const before = await snapshot()
    for (const step of ['approve', 'reject'] as const) {
      const answer = await post(`/destructions/${records.destruction}/${step}`, {}, managerB)
      expect(answer.statusCode).toBe(404)
      expect(answer.json().error.code).toBe('NOT_FOUND')
      const [event] = await outOfScopeEvents(
        step === 'approve' ? 'customer.destruction_approved' : 'customer.destruction_rejected',
      )
      expect(event).toMatchObject({ outcome: 'denied', reason: 'out_of_scope' })
    }
    expect(await keyRows().execute()).toHaveLength(1)
    const row = await t.deps.db
      .selectFrom('destructions')
      .select('status')
      .where('id', '=', records.destruction)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('pending_approval')
    expect(await snapshot()).toEqual(before)
    // The same answer as a destruction that does not exist.
    const missing = await post(`/destructions/${crypto.randomUUID()}/approve`, {}, managerB)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toEqual(
      (await post(`/destructions/${records.destruction}/approve`, {}, managerB)).json().error,
    )
  })

  it('lists none of department A’s destructions, requests or retention reviews to department B', async () => {
    const lists = [
      ['/destructions', 'customerId'],
      ['/destructions?status=pending_approval', 'customerId'],
      ['/requests', 'customerId'],
      [`/requests?customerId=${customer}`, 'customerId'],
      ['/retention/reviews?status=destruction_requested', 'customerId'],
    ] as const
    for (const [url, key] of lists) {
      const b = await get(url, managerB)
      expect(b.statusCode, url).toBe(200)
      expect(
        b.json().items.filter((item: Record<string, string>) => item[key] === customer),
        url,
      ).toEqual([])
      const a = await get(url, managerA)
      expect(
        a.json().items.some((item: Record<string, string>) => item[key] === customer),
        url,
      ).toBe(true)
      // A role whose scope is the whole organisation keeps seeing all.
      const all = await get(url, officer)
      expect(
        all.json().items.some((item: Record<string, string>) => item[key] === customer),
        url,
      ).toBe(true)
    }
  })

  it('has every route that names a customer-linked record declare it, from the route table', async () => {
    const routes = t.app.scopedRoutes
    expect(routes.length).toBe(t.app.declaredRoutes.length)
    const withParam = routes.filter((r) => r.url.startsWith('/api/v1/') && hasPathParam(r.url))
    const unclassified = withParam.filter(
      (r) =>
        r.customerScope === null &&
        !NOT_CUSTOMER_LINKED.some((prefix) => api(r.url).startsWith(prefix)),
    )
    expect(unclassified.map((r) => `${r.method} ${r.url}`)).toEqual([])
    for (const route of withParam.filter((r) => r.customerScope)) {
      const path = api(route.url)
      const kind = route.customerScope?.record as CustomerRecordKind
      expect(path.startsWith(`${LINKED_RECORDS[kind].resource}/:`), path).toBe(true)
    }
    // Every table keyed by a customer is a kind of record with its resolver, or the customer's own store.
    const known = new Set<string>([
      ...Object.values(LINKED_RECORDS).map((l) => l.table),
      ...CUSTOMER_STORE_TABLES,
      ...DEPARTMENT_RECORD_TABLES,
    ])
    expect((await customerKeyedTables()).filter((table) => !known.has(table))).toEqual([])
    expect(withParam.filter((r) => r.customerScope).length).toBeGreaterThanOrEqual(17)
  })

  it('answers every customer-linked route 404 to department B, changes nothing, and audits out_of_scope', async () => {
    const scoped = t.app.scopedRoutes.filter((r) => r.customerScope)
    for (const route of scoped) {
      const scope = route.customerScope as NonNullable<typeof route.customerScope>
      const url = route.url.replace(`:${scope.param ?? 'id'}`, records[scope.record])
      const label = `${route.method} ${route.url}`
      const before = await snapshot()
      const eventsBefore = (await outOfScopeEvents(scope.action)).length
      const answer = await call(t.app, {
        method: route.method as 'GET',
        url,
        cookie: managerB,
        ...(['POST', 'PATCH', 'PUT'].includes(route.method) && { payload: { probe: 'x' } }),
      })
      expect(answer.statusCode, label).toBe(404)
      // HEAD (Fastify's twin of each GET) answers without a body.
      if (route.method !== 'HEAD') {
        expect(answer.json().error.code, label).toBe(LINKED_RECORDS[scope.record].notFound)
      }
      expect(await snapshot(), label).toEqual(before)
      const events = await outOfScopeEvents(scope.action)
      expect(events.length, label).toBe(eventsBefore + 1)
      expect(events.at(-1)?.outcome, label).toBe('denied')
    }
    // The record is still there for its own department.
    expect((await get(`/requests/${records.request}`, managerA)).statusCode).toBe(200)
    expect((await get(`/customers/${customer}/consents`, managerA)).statusCode).toBe(200)
  })

  it('refuses to start with a route on a customer-linked path that declares no scope', () => {
    const app = Fastify()
    registerCustomerScopeGuard(app, t.deps)
    const config = { access: 'customers.read' as const }
    expect(() => app.get('/customers/:id/notes', { config }, async () => 'oops')).toThrow(
      /must declare customerScope/,
    )
    expect(() => app.post('/requests/:id/close', { config }, async () => 'oops')).toThrow(
      /must declare customerScope/,
    )
    expect(() =>
      app.get(
        '/customers/:id/notes',
        { config: { ...config, customerScope: { record: 'customer', action: 'customer.viewed' } } },
        async () => 'ok',
      ),
    ).not.toThrow()
  })

  it('lets a compliance officer still decide the destruction', async () => {
    await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/legal-holds/${records.legal_hold}`,
      cookie: officer,
    })
    const approved = await post(`/destructions/${records.destruction}/approve`, {}, secondOfficer)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(await keyRows().execute()).toHaveLength(0)
  })
})
