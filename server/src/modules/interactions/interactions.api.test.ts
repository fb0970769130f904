import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { openCustomer } from '../customers/index.js'
import { interactionsData } from './interactions.customer-data.js'

/**
 * Issue 17 §1, CUS-6: interactions (跟进记录) logged against a customer —
 * the note sealed under the customer's key and masked until revealed for a
 * purpose, each one a follow-up that renews the registration — and the
 * customer's timeline, each entry as its viewer may see it.
 */
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
})

type Member = Staff & { cookie: string }
type Interaction = {
  id: string
  customerId: string
  channel: string
  direction: string
  durationMinutes: number | null
  outcome: string | null
  note: string | null
  nextStep: string | null
  masked: boolean
  staff: { id: string; name: string }
  origin: string | null
}

async function department(name: string) {
  const departmentId = await createDepartment(t.deps, name)
  const member = async (role: 'sales' | 'manager'): Promise<Member> => {
    const staff = await createStaff(t.deps, [role], { departmentId })
    return { ...staff, cookie: await signInAs(t.app, staff) }
  }
  return { departmentId, manager: await member('manager'), sales: await member('sales') }
}

const post = (cookie: string, url: string, payload: object, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1${url}`,
    cookie,
    payload,
    headers: { 'accept-language': language },
  })
const get = (cookie: string, url: string) =>
  call(t.app, { method: 'GET', url: `/api/v1${url}`, cookie })

async function logged(cookie: string, customerId: string, payload: object): Promise<Interaction> {
  const response = await post(cookie, `/customers/${customerId}/interactions`, payload)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

const NOTE = '客户周六带家人再来看 3 号楼，预算约一百五十万'

describe('interactions and the customer timeline (跟进记录, issue 17)', () => {
  it('logs an interaction with its note sealed, answers it masked, and reveals it for a purpose, audited', async () => {
    const { sales } = await department('一号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '甲客',
    })
    const entry = await logged(sales.cookie, customerId, {
      channel: 'phone',
      direction: 'outbound',
      durationMinutes: 12,
      outcome: 'interested',
      note: NOTE,
      nextStep: '周六上午 10 点接待',
    })
    expect(entry).toMatchObject({
      customerId,
      channel: 'phone',
      direction: 'outbound',
      durationMinutes: 12,
      outcome: 'interested',
      note: '***',
      nextStep: '***',
      masked: true,
      staff: { id: sales.id },
      origin: null,
    })
    const stored = await t.deps.db
      .selectFrom('interactions')
      .selectAll()
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain('三号楼')
    expect(JSON.stringify(stored)).not.toContain('一百五十万')
    expect(Object.keys(stored.sealed).sort()).toEqual(['nextStep', 'note'])

    const list = await get(sales.cookie, `/customers/${customerId}/interactions`)
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toMatchObject([{ id: entry.id, note: '***', masked: true }])
    expect(list.json().outcomes).toContainEqual({
      code: 'interested',
      labelZh: '有意向',
      labelEn: 'Interested',
    })

    const revealed = await post(sales.cookie, `/interactions/${entry.id}/reveal`, {
      purpose: 'service',
    })
    expect(revealed.statusCode, revealed.body).toBe(200)
    expect(revealed.json()).toMatchObject({
      note: NOTE,
      nextStep: '周六上午 10 点接待',
      purpose: 'service',
    })
    const unknownPurpose = await post(sales.cookie, `/interactions/${entry.id}/reveal`, {
      purpose: 'nonsense',
    })
    expect(unknownPurpose.json().error.code).toBe('PURPOSE_UNKNOWN')
    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'purpose', 'reason', 'details'])
      .where('target_type', '=', 'interaction')
      .where('target_id', '=', entry.id)
      .orderBy('id')
      .execute()
    expect(events).toMatchObject([
      { action: 'interaction.logged', outcome: 'allowed' },
      { action: 'interaction.revealed', outcome: 'allowed', purpose: 'service' },
      { action: 'interaction.revealed', outcome: 'denied', reason: 'purpose_unknown' },
    ])
    // Never the text, in the trail or the log.
    const trail = await sql<{
      row: unknown
    }>`select to_jsonb(a) as row from audit_events a`.execute(t.deps.db)
    expect(JSON.stringify(trail.rows)).not.toContain('一百五十万')
    expect(t.logs.some((line) => line.includes('一百五十万'))).toBe(false)

    // A complaint handler reads customers but may reveal nothing.
    const complaints = await createStaff(t.deps, ['complaints'])
    const handler = await signInAs(t.app, complaints)
    const refused = await post(handler, `/interactions/${entry.id}/reveal`, { purpose: 'service' })
    expect(refused.statusCode).toBe(403)
  })

  it('refuses bad input with field errors in the caller’s language, and stores nothing', async () => {
    const { sales } = await department('二号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '乙客',
    })
    const url = `/customers/${customerId}/interactions`
    const badChannel = await post(sales.cookie, url, { channel: 'fax', direction: 'inbound' })
    expect(badChannel.statusCode).toBe(400)
    expect(badChannel.json().error).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(Object.keys(badChannel.json().error.fields)).toEqual(['channel'])
    const noDirection = await post(sales.cookie, url, { channel: 'phone' })
    expect(noDirection.json().error.fields).toEqual({ direction: '不是允许的取值。' })
    const english = await post(sales.cookie, url, { channel: 'phone' }, 'en')
    expect(english.json().error.fields).toEqual({ direction: 'Not an allowed value.' })
    const badOutcome = await post(sales.cookie, url, {
      channel: 'phone',
      direction: 'inbound',
      outcome: 'weather',
    })
    expect(badOutcome.json().error.fields).toEqual({ outcome: '不是允许的取值。' })
    const future = await post(sales.cookie, url, {
      channel: 'meeting',
      direction: 'outbound',
      occurredAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
    })
    expect(future.json().error.fields).toEqual({ occurredAt: '不是允许的取值。' })
    const long = await post(sales.cookie, url, {
      channel: 'email',
      direction: 'outbound',
      note: '长'.repeat(2001),
    })
    expect(Object.keys(long.json().error.fields)).toEqual(['note'])
    const stranger = await post(sales.cookie, url, {
      channel: 'phone',
      direction: 'inbound',
      staffId: crypto.randomUUID(),
    })
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([
      422,
      'INTERACTION_STAFF_UNKNOWN',
    ])
    // Only an active customer takes new interactions; a restricted one may still be read.
    await sql`update customers set status = 'restricted' where id = ${customerId}`.execute(
      t.deps.db,
    )
    const restricted = await post(sales.cookie, url, { channel: 'phone', direction: 'inbound' })
    expect([restricted.statusCode, restricted.json().error.code]).toEqual([
      409,
      'INTERACTION_CUSTOMER_NOT_ACTIVE',
    ])
    expect((await get(sales.cookie, url)).statusCode).toBe(200)
    expect(await interactionsData.count(t.deps.db, customerId)).toEqual({ interactions: 0 })
  })

  it('answers a customer out of the caller’s scope as not found, and audits it', async () => {
    const first = await department('三号案场')
    const second = await department('四号案场')
    const customerId = await createCustomerAs(t.app, first.sales.cookie, {
      kind: 'individual',
      name: '丙客',
    })
    const entry = await logged(first.sales.cookie, customerId, {
      channel: 'wechat',
      direction: 'inbound',
      note: NOTE,
    })
    for (const outsider of [second.manager, second.sales]) {
      const list = await get(outsider.cookie, `/customers/${customerId}/interactions`)
      expect([list.statusCode, list.json().error.code]).toEqual([404, 'CUSTOMER_NOT_FOUND'])
      const log = await post(outsider.cookie, `/customers/${customerId}/interactions`, {
        channel: 'phone',
        direction: 'outbound',
      })
      expect(log.statusCode).toBe(404)
      const timeline = await get(outsider.cookie, `/customers/${customerId}/timeline`)
      expect(timeline.statusCode).toBe(404)
      const reveal = await post(outsider.cookie, `/interactions/${entry.id}/reveal`, {
        purpose: 'service',
      })
      expect([reveal.statusCode, reveal.json().error.code]).toEqual([404, 'INTERACTION_NOT_FOUND'])
    }
    const denied = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('actor_id', '=', second.manager.id)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied).toEqual(
      expect.arrayContaining([
        { action: 'interaction.listed', reason: 'out_of_scope' },
        { action: 'interaction.logged', reason: 'out_of_scope' },
        { action: 'customer.timeline_viewed', reason: 'out_of_scope' },
        { action: 'interaction.revealed', reason: 'out_of_scope' },
      ]),
    )
    expect(await interactionsData.count(t.deps.db, customerId)).toEqual({ interactions: 1 })
  })

  it('renews the registration and moves the last activity: every interaction is a follow-up', async () => {
    const { sales } = await department('五号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '丁客',
    })
    const before = await t.deps.db
      .selectFrom('customer_registrations')
      .select('valid_until')
      .where('customer_id', '=', customerId)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow()
    t.clock.advance(3 * DAY)
    const again = await signInAs(t.app, sales)
    await logged(again, customerId, { channel: 'visit', direction: 'inbound' })
    const after = await t.deps.db
      .selectFrom('customer_registrations')
      .select('valid_until')
      .where('customer_id', '=', customerId)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow()
    expect(after.valid_until.getTime() - before.valid_until.getTime()).toBe(3 * DAY)
    const customer = await t.deps.db
      .selectFrom('customers')
      .select('last_activity_at')
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow()
    expect(customer.last_activity_at?.getTime()).toBe(t.clock.now().getTime())
  })

  it('logs a call of the call register with a customer as an interaction, in one step', async () => {
    const { sales } = await department('六号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '戊客',
    })
    const callLogged = await post(sales.cookie, '/reception/calls', {
      channel: 'online',
      outcome: 'appointment',
      customerId,
    })
    expect(callLogged.statusCode, callLogged.body).toBe(201)
    const list = await get(sales.cookie, `/customers/${customerId}/interactions`)
    expect(list.json().items).toMatchObject([
      {
        channel: 'message',
        direction: 'inbound',
        outcome: 'appointment',
        origin: 'reception_call',
        note: null,
        staff: { id: sales.id },
      },
    ])
  })

  it('logs a finished visit of the visitor register as an interaction, in the same step', async () => {
    const { manager, sales } = await department('九号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '辛客',
    })
    const checkedIn = await post(sales.cookie, '/reception/check-in', {})
    expect(checkedIn.statusCode, checkedIn.body).toBe(200)
    const visit = await post(manager.cookie, '/reception/visits', {
      visit: 'returning',
      customerId,
    })
    expect(visit.statusCode, visit.body).toBe(201)
    t.clock.advance(25 * 60_000)
    const again = await signInAs(t.app, sales)
    // Not yet: the visit is logged as it ends.
    expect((await get(again, `/customers/${customerId}/interactions`)).json().items).toEqual([])
    const finished = await post(again, `/reception/visits/${visit.json().id}/finish`, {
      outcome: 'deposit',
    })
    expect(finished.statusCode, finished.body).toBe(200)
    const list = await get(again, `/customers/${customerId}/interactions`)
    expect(list.json().items).toMatchObject([
      {
        channel: 'visit',
        direction: 'inbound',
        durationMinutes: 25,
        outcome: 'deposit',
        origin: 'reception_visit',
        staff: { id: sales.id },
        note: null,
      },
    ])
  })

  it('answers the timeline with interactions, deal stages, consents and requests, as the viewer may see them', async () => {
    const { manager, sales } = await department('七号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '己客',
    })
    const entry = await logged(sales.cookie, customerId, {
      channel: 'meeting',
      direction: 'outbound',
      note: NOTE,
    })
    t.clock.advance(60_000)
    const deal = await post(manager.cookie, '/deals', {
      customerId,
      stage: 'intent',
      amount: '1500000',
    })
    expect(deal.statusCode, deal.body).toBe(201)

    const timeline = await get(manager.cookie, `/customers/${customerId}/timeline`)
    expect(timeline.statusCode, timeline.body).toBe(200)
    const body = timeline.json()
    expect(body.shown).toEqual(expect.arrayContaining(['interaction', 'consent', 'deal']))
    expect(body.entries.map((e: { kind: string }) => e.kind)).toEqual(['deal', 'interaction'])
    expect(body.entries[0].deal).toEqual({
      id: deal.json().id,
      stage: 'intent',
      stageName: { zh: '意向', en: 'Intent' },
      product: null,
    })
    expect(body.entries[1].interaction).toMatchObject({ id: entry.id, note: '***' })
    expect(timeline.body).not.toContain('1500000')
    expect(timeline.body).not.toContain('一百五十万')

    // A complaint handler in scope of nothing but complaints sees no deal (deals.manage) either way.
    const officer = await createStaff(t.deps, ['compliance'])
    const compliance = await signInAs(t.app, officer)
    const seen = (await get(compliance, `/customers/${customerId}/timeline`)).json()
    expect(seen.shown).not.toContain('deal')
    expect(seen.shown).toContain('request')
    expect(seen.entries.map((e: { kind: string }) => e.kind)).toEqual(['interaction'])
    const audited = await t.deps.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'customer.timeline_viewed')
      .where('actor_id', '=', officer.id)
      .executeTakeFirstOrThrow()
    expect(audited.details).toMatchObject({ count: 1 })
  })

  it('gives the customer’s copy the notes in plain, and shreds them with the customer', async () => {
    const { sales } = await department('八号案场')
    const customerId = await createCustomerAs(t.app, sales.cookie, {
      kind: 'individual',
      name: '庚客',
    })
    const entry = await logged(sales.cookie, customerId, {
      channel: 'email',
      direction: 'outbound',
      outcome: 'considering',
      note: NOTE,
    })
    const { key } = await openCustomer(t.deps, customerId, false)
    const copy = await interactionsData.exportFor(t.deps.db, customerId, {
      vault: t.deps.vault,
      key,
    })
    expect(copy.interactionLog).toEqual([
      expect.objectContaining({
        channel: 'email',
        direction: 'outbound',
        outcome: { 'zh-CN': '考虑中', en: 'Considering' },
        note: NOTE,
        nextStep: null,
        staff: expect.any(String),
      }),
    ])
    await t.deps.db
      .transaction()
      .execute((trx) => interactionsData.shred(trx, customerId, t.clock.now()))
    expect(await interactionsData.count(t.deps.db, customerId)).toEqual({ interactions: 0 })
    const kept = await t.deps.db
      .selectFrom('interactions')
      .select(['customer_id', 'sealed', 'channel'])
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({ customer_id: null, sealed: {}, channel: 'email' })
  })
})
