import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { NO_REQUEST } from '../../audit/audit-log.js'
import { DAY } from '../../platform/clock.js'
import { changeOwner, openCustomer } from '../customers/index.js'
import { dealsData } from './deals.customer-data.js'

/**
 * Issue 16, CUS-9 and CUS-5 (S0 篇五 (二) 5, (三) 4-5, (五)): deals through
 * their stages, the amount sealed, and the credit split worked out at
 * signing by the rule that applies — 80 / 20 while the registration holds,
 * all to the closer once it lapsed, 50 / 50 for a same-day stand-in, the
 * customer's wish — fixed from then on, explained and audited.
 */
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
})

type Member = Staff & { cookie: string }
type Deal = {
  id: string
  customerId: string
  stage: string
  amount: string | null
  product: string | null
  closer: { id: string; name: string }
  credit: { accountId: string; name: string; share: number; rule: string; role: string }[]
  split: {
    rule: string
    fixed: boolean
    visitId: string | null
    ownerChangeId: string | null
    registration: { id: string; registrant: { id: string }; validUntil: string } | null
  }
  history: { stage: string; from: string | null; reason: string | null }[]
}

/** A department with a manager and `sales` salespeople, each signed in. */
async function department(name: string, sales: number) {
  const departmentId = await createDepartment(t.deps, name)
  const member = async (role: 'sales' | 'manager'): Promise<Member> => {
    const staff = await createStaff(t.deps, [role], { departmentId })
    return { ...staff, cookie: await signInAs(t.app, staff) }
  }
  const manager = await member('manager')
  const staff: Member[] = []
  for (let i = 0; i < sales; i++) staff.push(await member('sales'))
  return { departmentId, manager, staff }
}

const again = async (m: Member): Promise<Member> => ({ ...m, cookie: await signInAs(t.app, m) })

const post = (cookie: string, payload: object, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/deals',
    cookie,
    payload,
    headers: { 'accept-language': language },
  })
const patch = (cookie: string, id: string, payload: object, language = 'zh-CN') =>
  call(t.app, {
    method: 'PATCH',
    url: `/api/v1/deals/${id}`,
    cookie,
    payload,
    headers: { 'accept-language': language },
  })
const get = (cookie: string, url: string) =>
  call(t.app, { method: 'GET', url: `/api/v1${url}`, cookie })

async function created(cookie: string, payload: object): Promise<Deal> {
  const response = await post(cookie, payload)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}
async function moved(cookie: string, id: string, payload: object): Promise<Deal> {
  const response = await patch(cookie, id, payload)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

const shares = (deal: Deal) => deal.credit.map((c) => [c.accountId, c.share, c.role])
const total = (deal: Deal) => deal.credit.reduce((sum, c) => sum + c.share, 0)

async function auditOf(dealId: string) {
  return t.deps.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('target_type', '=', 'deal')
    .where('target_id', '=', dealId)
    .orderBy('id')
    .execute()
}

describe('deals and the credit split (成交与业绩分配, issue 16)', () => {
  it('splits 80 / 20 when a colleague closes within the registration, fixed at signing', async () => {
    const { manager, staff } = await department('一号案场', 2)
    const [a, b] = staff as [Member, Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '甲客' })

    const deal = await created(manager.cookie, {
      customerId,
      stage: 'intent',
      amount: '1280000',
      product: '3 号楼 1201 室',
      closerId: b.id,
    })
    expect(deal).toMatchObject({
      stage: 'intent',
      amount: '1280000.00',
      product: '3 号楼 1201 室',
      closer: { id: b.id },
      split: { rule: 'registration_valid', fixed: false },
    })
    // A preview before signing, already explained.
    expect(shares(deal)).toEqual([
      [b.id, 0.8, 'closer'],
      [a.id, 0.2, 'registrant'],
    ])
    expect(deal.split.registration?.registrant.id).toBe(a.id)

    const small = await moved(manager.cookie, deal.id, { stage: 'small_deposit' })
    expect(small.split.fixed).toBe(false)
    // The 小定 register (小定单登记表) is a view of the deals.
    const register = await get(manager.cookie, '/deals?stage=small_deposit')
    expect(register.statusCode, register.body).toBe(200)
    expect(register.json().items.map((d: Deal) => d.id)).toContain(deal.id)
    expect((await get(manager.cookie, '/deals?stage=large_deposit')).json().items).toEqual([])

    await moved(manager.cookie, deal.id, { stage: 'large_deposit' })
    const signed = await moved(manager.cookie, deal.id, { stage: 'signed' })
    expect(signed.split).toMatchObject({ rule: 'registration_valid', fixed: true })
    expect(shares(signed)).toEqual([
      [b.id, 0.8, 'closer'],
      [a.id, 0.2, 'registrant'],
    ])
    expect(signed.credit.every((c) => c.rule === 'registration_valid' && c.name !== '')).toBe(true)
    expect(total(signed)).toBe(1)
    expect(signed.history.map((h) => h.stage)).toEqual([
      'intent',
      'small_deposit',
      'large_deposit',
      'signed',
    ])

    // Fixed from then on: no new closer, no going back; paid keeps the split.
    const closer = await patch(manager.cookie, deal.id, { closerId: a.id })
    expect([closer.statusCode, closer.json().error.code]).toEqual([409, 'DEAL_CREDIT_FIXED'])
    const back = await patch(manager.cookie, deal.id, { stage: 'intent' })
    expect([back.statusCode, back.json().error.code]).toEqual([409, 'DEAL_STAGE_NOT_ALLOWED'])
    const paid = await moved(manager.cookie, deal.id, { stage: 'paid' })
    expect([paid.split.fixed, shares(paid)]).toEqual([true, shares(signed)])

    const events = await auditOf(deal.id)
    expect(events.map((e) => e.action)).toEqual([
      'deal.created',
      'deal.stage_changed',
      'deal.stage_changed',
      'deal.stage_changed',
      'deal.credit_split',
      'deal.stage_changed',
    ])
    expect(events.find((e) => e.action === 'deal.credit_split')?.details).toMatchObject({
      rule: 'registration_valid',
      registrationId: signed.split.registration?.id,
      shares: [
        { accountId: b.id, share: 0.8 },
        { accountId: a.id, share: 0.2 },
      ],
    })
  })

  it('gives the closer all once the registration has expired (建档无效期)', async () => {
    const { manager, staff } = await department('二号案场', 2)
    const [a, b] = staff as [Member, Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '乙客' })
    t.clock.advance(61 * DAY)
    const m = await again(manager)
    const deal = await created(m.cookie, { customerId, stage: 'signed', closerId: b.id })
    expect(deal.split).toMatchObject({ rule: 'registration_expired', fixed: true })
    expect(shares(deal)).toEqual([[b.id, 1, 'closer']])
    expect(deal.split.registration?.registrant.id).toBe(a.id)
    expect(deal.amount).toBeNull()
  })

  it('splits 50 / 50 a walk-in the closer received and closed that same day (当日成交，五五分成)', async () => {
    const { manager, staff } = await department('三号案场', 2)
    const [a, b] = staff as [Member, Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '丙客' })
    // a is not at the desk: b receives the customer.
    const checkIn = await call(t.app, {
      method: 'POST',
      url: '/api/v1/reception/check-in',
      cookie: b.cookie,
      payload: {},
    })
    expect(checkIn.statusCode, checkIn.body).toBe(200)
    const visit = await call(t.app, {
      method: 'POST',
      url: '/api/v1/reception/visits',
      cookie: manager.cookie,
      payload: { visit: 'walk_in', customerId },
    })
    expect(visit.statusCode, visit.body).toBe(201)
    expect(visit.json().receivedBy.id).toBe(b.id)

    const deal = await created(manager.cookie, {
      customerId,
      stage: 'signed',
      closerId: b.id,
      amount: 990000.5,
    })
    expect(deal.split).toMatchObject({
      rule: 'same_day_stand_in',
      fixed: true,
      visitId: visit.json().id,
    })
    expect(shares(deal)).toEqual([
      [b.id, 0.5, 'closer'],
      [a.id, 0.5, 'registrant'],
    ])
    expect(deal.amount).toBe('990000.50')

    // The next day it is no stand-in any more: a deal signed then is 80 / 20.
    t.clock.advance(DAY)
    const m = await again(manager)
    const later = await created(m.cookie, { customerId, stage: 'intent', closerId: b.id })
    expect(later.split.rule).toBe('registration_valid')
  })

  it('explains the customer’s wish (以客户意愿为主): the new owner closes, 80 / 20', async () => {
    const { departmentId, manager, staff } = await department('四号案场', 2)
    const [a, b] = staff as [Member, Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '丁客' })
    await t.deps.db.transaction().execute((trx) =>
      changeOwner(
        trx,
        {
          deps: t.deps,
          principal: {
            actor: { type: 'account', id: manager.id, name: manager.username },
            accountId: manager.id,
          },
          context: NO_REQUEST,
          now: t.clock.now(),
        },
        {
          customerId,
          toOwnerId: b.id,
          toDepartmentId: departmentId,
          kind: 'wish',
          reason: 'customer_wish',
        },
      ),
    )
    // b owns the customer now and records the deal as closer.
    const deal = await created(b.cookie, { customerId, stage: 'signed', amount: '650000.00' })
    expect(deal.closer.id).toBe(b.id)
    expect(deal.split).toMatchObject({ rule: 'customer_wish', fixed: true })
    expect(deal.split.ownerChangeId).toEqual(expect.any(String))
    expect(shares(deal)).toEqual([
      [b.id, 0.8, 'closer'],
      [a.id, 0.2, 'registrant'],
    ])
    // a no longer sees the customer, nor its deal.
    expect((await get(a.cookie, `/deals/${deal.id}`)).statusCode).toBe(404)
  })

  it('refuses bad input with field errors in the caller’s language, and changes nothing', async () => {
    const { manager, staff } = await department('五号案场', 1)
    const [a] = staff as [Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '戊客' })
    const count = async () =>
      (
        await t.deps.db
          .selectFrom('deals')
          .select('id')
          .where('customer_id', '=', customerId)
          .execute()
      ).length

    const noReason = await post(manager.cookie, { customerId, stage: 'lost' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { reason: '必填。' },
    })
    const english = await post(manager.cookie, { customerId, stage: 'lost' }, 'en')
    expect(english.json().error.fields.reason).toBe('Required.')
    const badAmount = await post(manager.cookie, { customerId, stage: 'intent', amount: '12,5' })
    expect(badAmount.statusCode).toBe(400)
    expect(Object.keys(badAmount.json().error.fields)).toEqual(['amount'])
    const badStage = await post(manager.cookie, { customerId, stage: 'bought' })
    expect(badStage.json().error.fields).toEqual({ stage: '不是允许的取值。' })
    const badReason = await post(manager.cookie, { customerId, stage: 'lost', reason: 'weather' })
    expect(badReason.json().error.fields).toEqual({ reason: '不是允许的取值。' })
    const unknown = await post(manager.cookie, { customerId, stage: 'intent', note: '备注' })
    expect(unknown.statusCode).toBe(400)
    const stranger = await post(manager.cookie, {
      customerId,
      stage: 'intent',
      closerId: crypto.randomUUID(),
    })
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([422, 'DEAL_CLOSER_UNKNOWN'])
    expect(await count()).toBe(0)

    // 未成交 with a reason from the list ends the deal; nothing changes it after.
    const lost = await created(manager.cookie, { customerId, stage: 'intent' })
    const wrong = await patch(manager.cookie, lost.id, { stage: 'lost' })
    expect(wrong.json().error.fields).toEqual({ reason: '必填。' })
    const ended = await moved(manager.cookie, lost.id, { stage: 'lost', reason: 'price' })
    expect(ended.history.at(-1)).toMatchObject({ stage: 'lost', from: 'intent', reason: 'price' })
    const after = await patch(manager.cookie, lost.id, { product: '车位' })
    expect([after.statusCode, after.json().error.code]).toEqual([409, 'DEAL_ENDED'])
    const nothing = await patch(manager.cookie, lost.id, {})
    expect(nothing.json().error.code).toBe('NOTHING_TO_CHANGE')
  })

  it('answers a deal out of the caller’s scope as not found, and lists only deals in scope', async () => {
    const first = await department('六号案场', 2)
    const second = await department('七号案场', 0)
    const [a, c] = first.staff as [Member, Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '己客' })
    const deal = await created(a.cookie, { customerId, stage: 'intent' })
    expect(deal.split.rule).toBe('own_customer')
    expect(shares(deal)).toEqual([[a.id, 1, 'closer']])

    for (const outsider of [second.manager, c]) {
      const read = await get(outsider.cookie, `/deals/${deal.id}`)
      expect([read.statusCode, read.json().error.code]).toEqual([404, 'DEAL_NOT_FOUND'])
      const change = await patch(outsider.cookie, deal.id, { stage: 'signed' })
      expect(change.statusCode).toBe(404)
      const listed = (await get(outsider.cookie, '/deals')).json().items as Deal[]
      expect(listed.map((d) => d.id)).not.toContain(deal.id)
      const create = await post(outsider.cookie, { customerId, stage: 'intent' })
      expect(create.statusCode).toBe(404)
    }
    const missing = await get(second.manager.cookie, `/deals/${crypto.randomUUID()}`)
    expect(missing.json().error).toEqual(
      (await get(second.manager.cookie, `/deals/${deal.id}`)).json().error,
    )
    const denied = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('actor_id', '=', second.manager.id)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied).toContainEqual({ action: 'deal.viewed', reason: 'out_of_scope' })
    expect((await get(first.manager.cookie, `/deals/${deal.id}`)).statusCode).toBe(200)
  })

  it('keeps the amount sealed: not in the database, the audit trail or the log in plain text', async () => {
    const { manager, staff } = await department('八号案场', 1)
    const [a] = staff as [Member]
    const customerId = await createCustomerAs(t.app, a.cookie, { kind: 'individual', name: '庚客' })
    const canary = '7654321.98'
    const deal = await created(manager.cookie, { customerId, stage: 'intent', amount: canary })
    await moved(manager.cookie, deal.id, { amount: '7654321.97', stage: 'signed' })
    expect((await get(manager.cookie, `/deals/${deal.id}`)).json().amount).toBe('7654321.97')

    const { rows } = await sql<{ table_name: string }>`
      select tablename as table_name from pg_tables where schemaname = 'public'`.execute(t.deps.db)
    for (const { table_name } of rows) {
      const dump = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table_name)}`.execute(t.deps.db)
      const text = JSON.stringify(dump.rows)
      expect(text.includes('7654321'), table_name).toBe(false)
    }
    expect(t.logs.some((line) => line.includes('7654321'))).toBe(false)

    // The customer's copy carries the deal in plain (DSR-2); destruction unlinks it (RET-2).
    const { key } = await openCustomer(t.deps, customerId, true)
    const copy = await dealsData.exportFor(t.deps.db, customerId, { vault: t.deps.vault, key })
    expect(copy.deals).toEqual([
      expect.objectContaining({
        stage: 'signed',
        amount: '7654321.97',
        stageName: { 'zh-CN': '签约', en: 'Signed' },
      }),
    ])
    await t.deps.db.transaction().execute((trx) => dealsData.shred(trx, customerId, t.clock.now()))
    expect(await dealsData.count(t.deps.db, customerId)).toEqual({
      deals: 0,
      deal_stage_changes: 0,
    })
    const kept = await t.deps.db
      .selectFrom('deals')
      .select(['customer_id', 'sealed', 'credit'])
      .where('id', '=', deal.id)
      .executeTakeFirstOrThrow()
    expect(kept).toMatchObject({ customer_id: null, sealed: {} })
    expect(kept.credit?.rule).toBe('registration_valid')
  })

  it('answers the stages, reasons and shares the company configured', async () => {
    const { manager } = await department('九号案场', 0)
    const settings = await get(manager.cookie, '/deals/settings')
    expect(settings.statusCode, settings.body).toBe(200)
    expect(settings.json().stages.map((s: { code: string }) => s.code)).toEqual([
      'intent',
      'small_deposit',
      'large_deposit',
      'signed',
      'paid',
      'lost',
      'cancelled',
    ])
    expect(settings.json().reasons.lost.map((r: { labelZh: string }) => r.labelZh)).toEqual([
      '价格',
      '地段',
      '户型',
      '配套',
      '资金',
      '竞品',
      '其他',
    ])
    expect(settings.json().shares).toEqual({
      registrationValid: { closer: 0.8, registrant: 0.2 },
      sameDay: { closer: 0.5, registrant: 0.5 },
    })
  })
})
