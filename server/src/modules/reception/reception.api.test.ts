import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { openCustomer } from '../customers/index.js'
import { receptionData } from './reception.customer-data.js'

/**
 * Issue 16, 接待管理 (S0 篇五 (二)): walk-ins in turn, the busy and the out on
 * duty passed over, missed turns made up, named and returning visitors
 * outside the rotation, no jumping the queue without a manager.
 */
let t: TestApp

beforeAll(async () => {
  // Every test signs in a desk of its own from one address.
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
})

type Member = Staff & { cookie: string }
type Rotation = {
  members: { account: { id: string; name: string }; state: string; owed: number }[]
  next: { id: string } | null
  standby: { id: string } | null
}
type Visit = {
  id: string
  rule: string
  receivedBy: { id: string; name: string }
  passedOver: { account: { id: string; name: string }; why: string }[]
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

const post = (cookie: string, url: string, payload?: object) =>
  call(t.app, { method: 'POST', url: `/api/v1/reception/${url}`, cookie, payload: payload ?? {} })

async function checkIn(...members: Member[]): Promise<Rotation> {
  let rotation: Rotation | undefined
  for (const m of members) {
    const response = await post(m.cookie, 'check-in')
    expect(response.statusCode, response.body).toBe(200)
    rotation = response.json()
  }
  return rotation as Rotation
}

async function walkIn(desk: Member, body: object = {}): Promise<Visit> {
  const response = await post(desk.cookie, 'visits', { visit: 'walk_in', ...body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

async function finish(by: Member, visit: Visit) {
  const response = await post(by.cookie, `visits/${visit.id}/finish`, { outcome: 'interested' })
  expect(response.statusCode, response.body).toBe(200)
}

const rotationOf = async (m: Member): Promise<Rotation> =>
  (await call(t.app, { method: 'GET', url: '/api/v1/reception/rotation', cookie: m.cookie })).json()

describe('the reception rotation (接待管理, issue 16)', () => {
  it('receives walk-ins in check-in order, round and round, showing who is next and who stands by', async () => {
    const { staff } = await department('一号售楼处', 3)
    const [a, b, c] = staff as [Member, Member, Member]
    const rotation = await checkIn(a, b, c)
    expect(rotation.members.map((m) => m.account.id)).toEqual([a.id, b.id, c.id])
    expect(rotation.next?.id).toBe(a.id)
    expect(rotation.standby?.id).toBe(b.id)

    const received: string[] = []
    for (let i = 0; i < 4; i++) {
      const visit = await walkIn(c)
      expect(visit.rule).toBe('turn')
      received.push(visit.receivedBy.id)
      await finish(c, visit)
    }
    expect(received).toEqual([a.id, b.id, c.id, a.id])
    expect((await rotationOf(a)).next?.id).toBe(b.id)
  })

  it('passes over a colleague busy with a visitor, and owes nothing for it', async () => {
    const { staff } = await department('二号售楼处', 3)
    const [a, b, c] = staff as [Member, Member, Member]
    await checkIn(a, b, c)
    const first = await walkIn(a) // a receives and stays busy
    expect(first.receivedBy.id).toBe(a.id)
    await finish(b, await walkIn(b)) // b
    await finish(c, await walkIn(c)) // c
    // a's turn again, but a is still receiving: b takes it.
    const next = await walkIn(c)
    expect(next.receivedBy.id).toBe(b.id)
    expect(next.passedOver).toEqual([{ account: { id: a.id, name: a.username }, why: 'busy' }])
    const rotation = await rotationOf(a)
    expect(rotation.members.find((m) => m.account.id === a.id)).toMatchObject({
      state: 'receiving',
      owed: 0,
    })
  })

  it('owes each turn missed out on duty and makes them up when back (空几轮，补接几名)', async () => {
    const { staff } = await department('三号售楼处', 3)
    const [a, b, c] = staff as [Member, Member, Member]
    await checkIn(a, b, c)
    expect((await post(a.cookie, 'step-out')).statusCode).toBe(200)
    // Two rounds without a: each pass over a owes a a turn.
    const received: string[] = []
    for (let i = 0; i < 4; i++) {
      const visit = await walkIn(b)
      received.push(visit.receivedBy.id)
      await finish(b, visit)
    }
    expect(received).toEqual([b.id, c.id, b.id, c.id])
    let rotation = await rotationOf(b)
    expect(rotation.members.find((m) => m.account.id === a.id)).toMatchObject({
      state: 'away',
      owed: 2,
    })

    // Back: a receives the next two walk-ins as make-up turns, then the rotation goes on.
    rotation = await checkIn(a)
    expect(rotation.next?.id).toBe(a.id)
    const makeUps: Visit[] = []
    for (let i = 0; i < 2; i++) {
      const visit = await walkIn(b)
      makeUps.push(visit)
      await finish(a, visit)
    }
    expect(makeUps.map((v) => [v.receivedBy.id, v.rule])).toEqual([
      [a.id, 'make_up'],
      [a.id, 'make_up'],
    ])
    const after = await walkIn(b)
    expect([after.receivedBy.id, after.rule]).toEqual([a.id, 'turn'])
    expect((await rotationOf(b)).members.every((m) => m.owed === 0)).toBe(true)
  })

  it('gives a first visitor who names a salesperson to them, and a returning customer to the owner, using no turn', async () => {
    const { manager, staff } = await department('四号售楼处', 3)
    const [a, b, c] = staff as [Member, Member, Member]
    await checkIn(a, b, c)
    const named = await post(a.cookie, 'visits', { visit: 'named', receiverId: c.id })
    expect(named.statusCode, named.body).toBe(201)
    expect(named.json()).toMatchObject({ rule: 'named', receivedBy: { id: c.id } })
    await finish(c, named.json())

    const customerId = await createCustomerAs(t.app, b.cookie, {
      kind: 'individual',
      name: '回头客',
    })
    const returning = await post(manager.cookie, 'visits', { visit: 'returning', customerId })
    expect(returning.statusCode, returning.body).toBe(201)
    expect(returning.json()).toMatchObject({
      rule: 'returning',
      receivedBy: { id: b.id },
      customerId,
    })
    await finish(b, returning.json())

    // Neither used a turn: a is still next.
    expect((await walkIn(a)).receivedBy.id).toBe(a.id)

    // The visit is in the customer's copy (DSR-2) and is unlinked when they are destroyed (RET-2).
    const { key } = await openCustomer(t.deps, customerId, true)
    const held = await receptionData.exportFor(t.deps.db, customerId, { vault: t.deps.vault, key })
    expect(held.interactions).toEqual([
      expect.objectContaining({ kind: 'visit', staff: b.username, outcome: 'interested' }),
    ])
    await t.deps.db
      .transaction()
      .execute((trx) => receptionData.shred(trx, customerId, t.clock.now()))
    expect(await receptionData.count(t.deps.db, customerId)).toEqual({
      reception_visits: 0,
      reception_calls: 0,
    })
  })

  it('refuses jumping the queue (不得抢客) and audits it; a manager may override with a reason', async () => {
    const { manager, staff } = await department('五号售楼处', 2)
    const [a, b] = staff as [Member, Member]
    await checkIn(a, b)
    const grab = await post(b.cookie, 'visits', { visit: 'walk_in', receiverId: b.id })
    expect([grab.statusCode, grab.json().error.code], grab.body).toEqual([
      409,
      'RECEPTION_NOT_THEIR_TURN',
    ])
    const refused = await t.deps.db
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'reception.visit_received')
      .where('actor_id', '=', b.id)
      .execute()
    expect(refused).toEqual([{ outcome: 'denied', reason: 'not_their_turn' }])

    // A manager without a reason is refused too; with one, the visitor goes to b and a keeps the turn.
    const bare = await post(manager.cookie, 'visits', { visit: 'walk_in', receiverId: b.id })
    expect(bare.statusCode).toBe(409)
    const override = await post(manager.cookie, 'visits', {
      visit: 'walk_in',
      receiverId: b.id,
      overrideReason: '客户是 b 的老同学，当面要求',
    })
    expect(override.statusCode, override.body).toBe(201)
    expect(override.json()).toMatchObject({ rule: 'override', receivedBy: { id: b.id } })
    expect((await rotationOf(a)).next?.id).toBe(a.id)
    // Naming whoever's turn it is is no override.
    expect((await walkIn(b, { receiverId: a.id })).rule).toBe('turn')
  })

  it('answers when nobody is free, refuses bad input in the caller’s language, and starts a new desk each day', async () => {
    const { staff } = await department('六号售楼处', 1)
    const [a] = staff as [Member]
    const none = await post(a.cookie, 'visits', { visit: 'walk_in' })
    expect(none.json().error.code).toBe('RECEPTION_NOBODY_FREE')
    await checkIn(a)
    await walkIn(a)
    const busy = await post(a.cookie, 'visits', { visit: 'walk_in' })
    expect([busy.statusCode, busy.json().error.code]).toEqual([409, 'RECEPTION_NOBODY_FREE'])

    const bad = await call(t.app, {
      method: 'POST',
      url: '/api/v1/reception/visits',
      cookie: a.cookie,
      headers: { 'accept-language': 'zh-CN' },
      payload: { visit: 'named' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields.receiverId).toBe('必填。')
    const register = await call(t.app, {
      method: 'GET',
      url: '/api/v1/reception/visits',
      cookie: a.cookie,
    })
    expect(register.json().items).toHaveLength(1)

    // The next morning (a new session: the old one has expired overnight).
    t.clock.advance(DAY)
    const morning = { ...a, cookie: await signInAs(t.app, a) }
    expect((await rotationOf(morning)).members).toEqual([])
    // Yesterday's visit, never finished, does not keep a busy today.
    await checkIn(morning)
    expect((await walkIn(morning)).receivedBy.id).toBe(a.id)
    await post(morning.cookie, 'check-out')
    expect((await post(morning.cookie, 'step-out')).json().error.code).toBe('RECEPTION_NOT_ON_DESK')
  })

  it('keeps each department’s desk and register to itself', async () => {
    const first = await department('七号售楼处', 1)
    const second = await department('八号售楼处', 1)
    const [a] = first.staff as [Member]
    const [z] = second.staff as [Member]
    await checkIn(a)
    const visit = await walkIn(a)
    expect((await rotationOf(z)).members).toEqual([])
    const foreign = await post(z.cookie, `visits/${visit.id}/finish`, { outcome: 'other' })
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([
      404,
      'RECEPTION_VISIT_NOT_FOUND',
    ])
    const theirs = await call(t.app, {
      method: 'GET',
      url: '/api/v1/reception/visits',
      cookie: z.cookie,
    })
    expect(theirs.json().items).toEqual([])
  })
})

describe('the call register (来电登记表, issue 16)', () => {
  it('enters a call taken by the caller now, lists the desk’s calls, and keeps them to the department', async () => {
    const first = await department('九号售楼处', 1)
    const second = await department('十号售楼处', 1)
    const [a] = first.staff as [Member]
    const [z] = second.staff as [Member]
    const customerId = await createCustomerAs(t.app, a.cookie, {
      kind: 'individual',
      name: '来电客',
    })
    const logged = await post(a.cookie, 'calls', {
      channel: 'phone',
      outcome: 'appointment',
      customerId,
    })
    expect(logged.statusCode, logged.body).toBe(201)
    expect(logged.json()).toMatchObject({
      takenBy: { id: a.id },
      channel: 'phone',
      outcome: 'appointment',
      customerId,
    })
    const register = async (m: Member) =>
      (
        await call(t.app, { method: 'GET', url: '/api/v1/reception/calls', cookie: m.cookie })
      ).json().items as { id: string }[]
    expect((await register(a)).map((c) => c.id)).toEqual([logged.json().id])
    expect(await register(z)).toEqual([])
    // Another department's customer cannot be linked: answered as not found.
    const foreign = await post(z.cookie, 'calls', {
      channel: 'wechat',
      outcome: 'other',
      customerId,
    })
    expect(foreign.statusCode).toBe(404)
    const bad = await post(a.cookie, 'calls', { channel: 'fax', outcome: 'other' })
    expect(bad.statusCode).toBe(400)
    expect(Object.keys(bad.json().error.fields)).toEqual(['channel'])
    expect(await register(a)).toHaveLength(1)
  })

  it('enters the walk-in received as a customer in one step, registered from the arrival (来人登记, 客户首访原则)', async () => {
    const { staff } = await department('建档接待部', 2)
    const [a, b] = staff as [Member, Member]
    await checkIn(a, b)
    const visit = await walkIn(a)
    expect(visit.receivedBy.id).toBe(a.id)
    t.clock.advance(30 * 60_000)
    a.cookie = await signInAs(t.app, a)
    b.cookie = await signInAs(t.app, b)
    // Only the receiver enters their visitor.
    const other = await post(b.cookie, `visits/${visit.id}/register`, { name: '岳来访' })
    expect(other.statusCode).toBe(403)
    const blank = await post(a.cookie, `visits/${visit.id}/register`, { name: ' ' })
    expect(blank.statusCode).toBe(400)
    const entered = await post(a.cookie, `visits/${visit.id}/register`, {
      name: '岳来访',
      mobile: '13700137001',
    })
    expect(entered.statusCode, entered.body).toBe(201)
    const { customerId } = entered.json()
    const customer = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customerId}`,
      cookie: a.cookie,
    })
    expect(customer.json()).toMatchObject({
      source: 'visit',
      owner: { id: a.id },
      registration: { registeredBy: { id: a.id } },
    })
    const arrived = await t.deps.db
      .selectFrom('reception_visits')
      .select(['arrived_at', 'customer_id'])
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow()
    expect(arrived.customer_id).toBe(customerId)
    expect(new Date(customer.json().registration.registeredAt)).toEqual(arrived.arrived_at)
    const again = await post(a.cookie, `visits/${visit.id}/register`, { name: '岳来访' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('RECEPTION_VISITOR_REGISTERED')
  })
})
