import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * DQ-1, issue 18 §3: the sweep compares every customer on its stored
 * blocking keys and fills the review queue with likely pairs, their score
 * and reasons; managers see the pairs of their department, compliance every
 * pair; a dismissed pair stays dismissed.
 */
let t: TestApp
let retail: string
let corporate: string
let compliance: string
let li: [string, string]
let wang: [string, string]

const HOMOPHONE = { mobile: '13912345678', address: '广东省深圳市南山区科技园路1号' }

beforeAll(async () => {
  t = await createTestApp()
  retail = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '零售业务部'))
  corporate = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '对公业务部'))
  compliance = await signedIn(t.app, t.deps, 'compliance')
  li = [
    await createCustomerAs(t.app, retail, { kind: 'individual', name: '李友琴', ...HOMOPHONE }),
    // Typed again: a homophone, one digit of the mobile wrong, the province left out.
    await createCustomerAs(t.app, retail, {
      kind: 'individual',
      name: '李友勤',
      mobile: '13912345679',
      address: '深圳市南山区科技园路1号',
    }),
  ]
  wang = [
    await createCustomerAs(t.app, corporate, {
      kind: 'individual',
      name: '王晓明',
      email: 'xiaoming.wang@example.com',
    }),
    await createCustomerAs(t.app, corporate, {
      kind: 'individual',
      name: '王小明',
      email: 'Xiaoming.Wang@example.com',
    }),
  ]
  // A namesake of no other likeness: not a pair.
  await createCustomerAs(t.app, retail, { kind: 'individual', name: '李友琴' })
})

const queue = (cookie: string, query = '') =>
  call(t.app, { method: 'GET', url: `/api/v1/duplicates${query}`, cookie })
const sweep = (cookie: string) =>
  call(t.app, { method: 'POST', url: '/api/v1/duplicates/sweep', cookie })
const dismiss = (cookie: string, id: string) =>
  call(t.app, { method: 'POST', url: `/api/v1/duplicates/${id}/dismiss`, cookie })
const pairOf = (ids: string[]) => [...ids].sort()

describe('the sweep and the review queue (DQ-1)', () => {
  it('finds the likely pairs on the tokens, opening only the customers in a candidate pair', async () => {
    const before = await queue(compliance)
    expect(before.json()).toMatchObject({ items: [], total: 0, lastSweep: null })

    const swept = await sweep(retail)
    expect(swept.statusCode, swept.body).toBe(200)
    expect(swept.json()).toMatchObject({ customers: 5, likelyPairs: 2 })
    // The two pairs and the namesake sharing a name key with 李友琴; nobody else.
    expect(swept.json().opened).toBe(5)

    const event = await t.deps.db
      .selectFrom('audit_events')
      .select(['details', 'actor_name'])
      .where('action', '=', 'duplicates.swept')
      .executeTakeFirstOrThrow()
    expect(event.details).toMatchObject({ customers: 5, likelyPairs: 2 })
  })

  it('shows a manager the pairs of their department, compliance every pair, masked with reasons', async () => {
    const mine = await queue(retail)
    expect(mine.statusCode, mine.body).toBe(200)
    const body = mine.json()
    expect(body.total).toBe(1)
    expect(body.lastSweep).toMatchObject({ customers: 5, likelyPairs: 2 })
    const [pair] = body.items
    expect(pair.customers.map((c: { id: string }) => c.id)).toEqual(pairOf(li))
    expect(pair.customers.map((c: { name: string }) => c.name)).toEqual(['李**', '李**'])
    expect(pair.status).toBe('open')
    expect(pair.score).toBeGreaterThanOrEqual(0.9)
    expect(pair.reasons.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['name.pinyin', 'mobile.oneDigit', 'address.same']),
    )
    for (const value of ['李友琴', '李友勤', '13912345678', '科技园']) {
      expect(mine.body).not.toContain(value)
    }

    const theirs = await queue(corporate)
    expect(
      theirs.json().items.map((p: { customers: { id: string }[] }) => p.customers.map((c) => c.id)),
    ).toEqual([pairOf(wang)])
    expect((await queue(compliance)).json().total).toBe(2)

    const listed = await t.deps.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'duplicates.listed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(listed.details).toMatchObject({ status: 'open', count: 2 })
  })

  it('refuses a pair beyond the caller’s scope as not found, on the trail, and a bad id in words', async () => {
    const [retailPair] = (await queue(retail)).json().items
    const refused = await dismiss(corporate, retailPair.id)
    expect(refused.statusCode).toBe(404)
    expect(refused.json().error.code).toBe('DUPLICATE_PAIR_NOT_FOUND')
    const denied = await t.deps.db
      .selectFrom('audit_events')
      .select(['reason', 'outcome'])
      .where('action', '=', 'duplicates.dismissed')
      .executeTakeFirstOrThrow()
    expect(denied).toEqual({ reason: 'out_of_scope', outcome: 'denied' })

    const malformed = await dismiss(retail, 'not-a-pair')
    expect(malformed.statusCode).toBe(400)
    expect((await queue(retail, '?status=closed')).statusCode).toBe(400)
    const missing = await dismiss(retail, '00000000-0000-4000-8000-000000000000')
    expect(missing.json().error.code).toBe('DUPLICATE_PAIR_NOT_FOUND')
  })

  it('dismisses a pair once: it leaves the open queue and the next sweep does not ask again', async () => {
    const [pair] = (await queue(retail)).json().items
    const dismissed = await dismiss(retail, pair.id)
    expect(dismissed.statusCode, dismissed.body).toBe(204)
    expect((await dismiss(retail, pair.id)).json().error.code).toBe('DUPLICATE_PAIR_DECIDED')
    expect((await queue(retail)).json().items).toEqual([])
    const decided = (await queue(retail, '?status=dismissed')).json().items
    expect(decided).toHaveLength(1)
    expect(decided[0].decidedBy).toBeTruthy()

    expect((await sweep(compliance)).json().likelyPairs).toBe(2)
    expect((await queue(retail)).json().items).toEqual([])
    expect((await queue(retail, '?status=dismissed')).json().items).toHaveLength(1)
  })

  it('drops an open pair whose values no longer match at the next sweep', async () => {
    const changed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${wang[1]}`,
      cookie: corporate,
      payload: { name: '赵雪', email: 'zhao.xue@example.org' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect((await sweep(corporate)).json().likelyPairs).toBe(1)
    expect((await queue(corporate)).json().items).toEqual([])
  })

  it('is not for a role without the review', async () => {
    const agent = await signedIn(t.app, t.deps, 'agent')
    expect((await queue(agent)).statusCode).toBe(403)
    expect((await sweep(agent)).statusCode).toBe(403)
  })
})
