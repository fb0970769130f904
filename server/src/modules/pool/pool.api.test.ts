import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { recordCustomerActivity } from '../customers/index.js'
import { recycleCall, recycleCustomers } from './recycle-customers.js'

/**
 * CUS-10, the customer pool (公海), through the HTTP API with the clock
 * moved: a customer without a follow-up or a deal for its grade's period
 * is warned of once, then returns to its department's pool; activity
 * restarts the clock; the pool shows masked values only; picks within the
 * daily limit, the former owner's cool-off and the cap on owned customers;
 * another department's pool is out of reach; every move is on the trail.
 */
let t: TestApp

/** The rules these tests run under: `general` customers return after 20 days, warned 3 before. */
const SETTINGS = {
  recyclingEnabled: true,
  dailyPickLimit: 2,
  coolOffDays: 30,
  ownerCap: 500,
  rules: [
    { grade: null, recycleAfterDays: 60, warnDaysBefore: 7 },
    { grade: 'general', recycleAfterDays: 20, warnDaysBefore: 3 },
  ],
}

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
  const saved = await put(await administrator(), SETTINGS)
  expect(saved.statusCode, saved.body).toBe(200)
})

/** A system administrator with a fresh password: the clock moves past a password's age. */
const administrator = () => createStaff(t.deps, ['sysadmin'])

/** Signs in afresh: moving the clock by days ends every session. */
const as = (staff: Staff) => signInAs(t.app, staff)

const get = async (staff: Staff, url: string) =>
  call(t.app, { method: 'GET', url: `/api/v1${url}`, cookie: await as(staff) })

const pick = async (staff: Staff, customerId: string) =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/pool/${customerId}/pick`,
    cookie: await as(staff),
    payload: {},
  })

async function put(staff: Staff, payload: object) {
  return call(t.app, {
    method: 'PUT',
    url: '/api/v1/pool/settings',
    cookie: await as(staff),
    payload,
  })
}

const runJob = () => recycleCustomers(recycleCall(t.deps), t.deps.db)

/** A department with salespeople. */
async function department(name: string, sales = 3) {
  const departmentId = await createDepartment(t.deps, name)
  const staff: Staff[] = []
  for (let i = 0; i < sales; i++) staff.push(await createStaff(t.deps, ['sales'], { departmentId }))
  const manager = await createStaff(t.deps, ['manager'], { departmentId })
  return { departmentId, staff, manager }
}

let entered = 0

/** A customer entered by `owner` (theirs), with the canary's name and a mobile of its own. */
async function customerOf(owner: Staff, grade: 'important' | 'general' = 'general') {
  entered += 1
  const mobile = `1391234${String(entered).padStart(4, '0')}`
  const id = await createCustomerAs(t.app, await as(owner), {
    kind: 'individual',
    name: CANARY.name,
    mobile,
    grade,
    source: 'visit',
  })
  mobiles.set(id, mobile)
  return id
}
const mobiles = new Map<string, string>()

const ownerOf = async (customerId: string) =>
  (
    await t.deps.db
      .selectFrom('customers')
      .select(['owner_id', 'department_id'])
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow()
  ).owner_id

const eventsOf = (customerId: string, action: string) =>
  t.deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('target_id', '=', customerId)
    .where('action', '=', action)
    .orderBy('id')
    .execute()

/** Customers of `owner`, returned to the pool by the job: 17 days (warned), then 3 more. */
async function pooled(owner: Staff, n: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++) ids.push(await customerOf(owner))
  t.clock.advance(17 * DAY)
  await runJob()
  t.clock.advance(3 * DAY)
  await runJob()
  for (const id of ids) expect(await ownerOf(id)).toBeNull()
  return ids
}

describe('returning to the pool (CUS-10)', () => {
  it('warns the owner once, then returns the customer at the right time, by the rule of its grade', async () => {
    const { staff, departmentId } = await department('公海一部')
    const [owner] = staff as [Staff]
    const general = await customerOf(owner, 'general')
    const important = await customerOf(owner, 'important')

    t.clock.advance(16 * DAY)
    await runJob()
    expect(await eventsOf(general, 'pool.warned')).toHaveLength(0)

    // Day 17: three days before the general customer's 20.
    t.clock.advance(DAY)
    await runJob()
    await runJob()
    const warned = await eventsOf(general, 'pool.warned')
    expect(warned).toHaveLength(1)
    expect(warned[0]).toMatchObject({ actor_type: 'system', outcome: 'allowed' })
    const returning = await get(owner, '/pool/returning')
    expect(returning.statusCode, returning.body).toBe(200)
    const [soon] = returning.json().items
    expect(soon).toMatchObject({ customerId: general, daysLeft: 3 })
    expect(new Date(soon.returnsAt).getTime()).toBe(t.clock.now().getTime() + 3 * DAY)
    expect(soon.warnedAt).not.toBeNull()
    expect(findCanary(returning.body)).toBeUndefined()
    expect(await ownerOf(general)).toBe(owner.id)

    // Day 19: still the owner's.
    t.clock.advance(2 * DAY)
    await runJob()
    expect(await ownerOf(general)).toBe(owner.id)

    // Day 20: back in the department's pool, the department kept; the important one stays.
    t.clock.advance(DAY)
    await runJob()
    expect(await ownerOf(general)).toBeNull()
    expect(await ownerOf(important)).toBe(owner.id)
    const [moved] = await eventsOf(general, 'customer.owner_changed')
    expect(moved?.details).toMatchObject({ kind: 'recycled', reason: 'no_follow_up', to: null })
    const history = await t.deps.db
      .selectFrom('customer_owner_changes')
      .selectAll()
      .where('customer_id', '=', general)
      .execute()
    expect(history).toMatchObject([
      { from_owner_id: owner.id, to_owner_id: null, to_department_id: departmentId },
    ])
    const registration = await t.deps.db
      .selectFrom('customer_registrations')
      .select(['ended_reason'])
      .where('customer_id', '=', general)
      .execute()
    expect(registration).toEqual([{ ended_reason: 'recycled' }])

    // The important customer follows the default: warned on day 53, returned on day 60.
    t.clock.advance(32 * DAY)
    await runJob()
    expect(await eventsOf(important, 'pool.warned')).toHaveLength(0)
    t.clock.advance(DAY)
    await runJob()
    expect(await eventsOf(important, 'pool.warned')).toHaveLength(1)
    t.clock.advance(6 * DAY)
    await runJob()
    expect(await ownerOf(important)).toBe(owner.id)
    t.clock.advance(DAY)
    await runJob()
    expect(await ownerOf(important)).toBeNull()
    expect(await eventsOf(important, 'pool.warned')).toHaveLength(1)
  })

  it('starts the clock again on a follow-up or a deal, and warns again in the next stretch', async () => {
    const { staff } = await department('公海二部')
    const [owner] = staff as [Staff]
    const customer = await customerOf(owner)
    t.clock.advance(17 * DAY)
    await runJob()
    expect(await eventsOf(customer, 'pool.warned')).toHaveLength(1)

    // A follow-up on day 18: 20 days from there.
    t.clock.advance(DAY)
    await t.deps.db
      .transaction()
      .execute((trx) =>
        recordCustomerActivity(trx, { customerId: customer, at: t.clock.now(), kind: 'follow_up' }),
      )
    expect((await get(owner, '/pool/returning')).json().items).toEqual([])
    t.clock.advance(3 * DAY)
    await runJob()
    expect(await ownerOf(customer)).toBe(owner.id)

    // Warned again on day 35 (18 + 17), returned on day 38.
    t.clock.advance(14 * DAY)
    await runJob()
    expect(await eventsOf(customer, 'pool.warned')).toHaveLength(2)
    await t.deps.db
      .transaction()
      .execute((trx) =>
        recordCustomerActivity(trx, { customerId: customer, at: t.clock.now(), kind: 'deal' }),
      )
    t.clock.advance(3 * DAY)
    await runJob()
    expect(await ownerOf(customer)).toBe(owner.id)
  })

  it('returns a customer whose owner was never warned only a full warning period after the warning', async () => {
    const { staff } = await department('公海三部')
    const [owner] = staff as [Staff]
    const customer = await customerOf(owner)
    // Recycling is off while the company gets ready: nothing happens.
    expect(
      (await put(await administrator(), { ...SETTINGS, recyclingEnabled: false })).statusCode,
    ).toBe(200)
    t.clock.advance(25 * DAY)
    await runJob()
    expect(await eventsOf(customer, 'pool.warned')).toHaveLength(0)
    expect((await put(await administrator(), SETTINGS)).statusCode).toBe(200)
    // Switched on at day 25, five days past due: warned now, returned three days later.
    await runJob()
    expect(await eventsOf(customer, 'pool.warned')).toHaveLength(1)
    expect(await ownerOf(customer)).toBe(owner.id)
    t.clock.advance(2 * DAY)
    await runJob()
    expect(await ownerOf(customer)).toBe(owner.id)
    t.clock.advance(DAY)
    await runJob()
    expect(await ownerOf(customer)).toBeNull()
  })
})

describe('the pool (CUS-10)', () => {
  it('shows a department its pool masked, with the former owner and days in the pool, on the trail', async () => {
    const { staff, manager } = await department('公海四部')
    const [owner, colleague] = staff as [Staff, Staff]
    const [customer] = (await pooled(owner, 1)) as [string]
    t.clock.advance(2 * DAY)
    const answer = await get(colleague, '/pool')
    expect(answer.statusCode, answer.body).toBe(200)
    const body = answer.json()
    expect(body.items).toHaveLength(1)
    const [item] = body.items
    expect(item).toMatchObject({
      customerId: customer,
      kind: 'individual',
      grade: 'general',
      source: 'visit',
      daysInPool: 2,
      formerOwner: { id: owner.id, name: owner.username },
      coolingOffUntil: null,
    })
    // Masked by the name's rule (甄金丝雀 → 甄***), never a plain personal value.
    expect(item.maskedName).toMatch(/^甄\*+$/)
    expect(findCanary(answer.body)).toBeUndefined()
    expect(answer.body).not.toContain(mobiles.get(customer))
    expect(Object.keys(item)).not.toContain('mobile')
    expect(body.quota).toMatchObject({ dailyLimit: 2, pickedToday: 0, remainingToday: 2 })
    const [listed] = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'pool.listed')
      .where('actor_id', '=', colleague.id)
      .execute()
    expect(listed?.details).toMatchObject({ view: 'pool', count: 1, customerIds: [customer] })
    // The manager sees the same pool; the former owner sees when their cool-off ends.
    expect((await get(manager, '/pool')).json().items).toHaveLength(1)
    const theirs = (await get(owner, '/pool')).json().items[0]
    expect(new Date(theirs.coolingOffUntil).getTime()).toBe(
      t.clock.now().getTime() + (30 - 2) * DAY,
    )
    // A customer in the pool is out of the salesperson's own scope.
    const read = await get(colleague, `/customers/${customer}`)
    expect(read.statusCode).toBe(404)
  })

  it('lets staff pick within the daily limit, refused past it and audited, and again the next day', async () => {
    const { staff } = await department('公海五部')
    const [owner, picker] = staff as [Staff, Staff]
    const [a, b, c] = (await pooled(owner, 3)) as [string, string, string]

    const first = await pick(picker, a)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({
      customerId: a,
      owner: { id: picker.id },
      quota: { pickedToday: 1, remainingToday: 1 },
    })
    expect(await ownerOf(a)).toBe(picker.id)
    const [moved] = await eventsOf(a, 'customer.owner_changed').then((e) => e.slice(-1))
    expect(moved).toMatchObject({ actor_id: picker.id, outcome: 'allowed' })
    expect(moved?.details).toMatchObject({
      kind: 'picked',
      reason: 'picked_from_pool',
      to: picker.id,
    })
    // The new owner has it in scope, with a fresh registration.
    expect((await get(picker, `/customers/${a}`)).statusCode).toBe(200)
    // The owner history keeps the pick too: from the pool, to the picker.
    const attribution = await get(picker, `/customers/${a}/attribution`)
    expect(attribution.json().history.slice(-1)).toMatchObject([
      { from: null, to: { id: picker.id }, kind: 'picked' },
    ])

    expect((await pick(picker, b)).statusCode).toBe(200)
    const refused = await pick(picker, c)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('POOL_DAILY_LIMIT')
    expect(await ownerOf(c)).toBeNull()
    expect(await eventsOf(c, 'pool.picked')).toMatchObject([
      { outcome: 'denied', reason: 'pick_limit_reached', actor_id: picker.id },
    ])
    // Someone else may still pick it today; then it is no longer in the pool.
    const [, , other] = staff as [Staff, Staff, Staff]
    t.clock.advance(DAY)
    expect((await pick(other, c)).statusCode).toBe(200)
    const taken = await pick(picker, c)
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error.code).toBe('POOL_NOT_IN_POOL')

    // A picked customer starts a full period: its new owner is not warned at day 16.
    t.clock.advance(15 * DAY)
    await runJob()
    const warnings = await eventsOf(a, 'pool.warned')
    expect(warnings.map((w) => w.details)).toMatchObject([{ owner: owner.id }])
    expect(await ownerOf(a)).toBe(picker.id)
  })

  it('makes a former owner wait the cool-off before picking the same customer again', async () => {
    const { staff } = await department('公海六部')
    const [owner] = staff as [Staff]
    const [customer, another] = (await pooled(owner, 2)) as [string, string]
    const refused = await pick(owner, customer)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('POOL_COOL_OFF')
    expect(await eventsOf(customer, 'pool.picked')).toMatchObject([
      { outcome: 'denied', reason: 'cool_off' },
    ])
    t.clock.advance(29 * DAY)
    expect((await pick(owner, another)).json().error.code).toBe('POOL_COOL_OFF')
    t.clock.advance(DAY)
    const allowed = await pick(owner, customer)
    expect(allowed.statusCode, allowed.body).toBe(200)
    expect(await ownerOf(customer)).toBe(owner.id)
  })

  it('refuses a pick at the cap on owned customers', async () => {
    const { staff } = await department('公海七部')
    const [owner, picker] = staff as [Staff, Staff]
    const [customer] = (await pooled(owner, 1)) as [string]
    await customerOf(picker)
    await customerOf(picker)
    expect((await put(await administrator(), { ...SETTINGS, ownerCap: 2 })).statusCode).toBe(200)
    try {
      const refused = await pick(picker, customer)
      expect(refused.statusCode).toBe(409)
      expect(refused.json().error.code).toBe('POOL_OWNER_CAP')
      expect(await eventsOf(customer, 'pool.picked')).toMatchObject([
        { outcome: 'denied', reason: 'owner_cap_reached' },
      ])
      const pool = (await get(picker, '/pool')).json()
      expect(pool.quota).toMatchObject({ owned: 2, ownerCap: 2 })
    } finally {
      await put(await administrator(), SETTINGS)
    }
    expect((await pick(picker, customer)).statusCode).toBe(200)
  })

  it('keeps another department’s pool out of reach: not listed, a pick answered as not found and audited', async () => {
    const { staff } = await department('公海八部')
    const [owner] = staff as [Staff]
    const [customer] = (await pooled(owner, 1)) as [string]
    const elsewhere = await department('公海九部', 1)
    const [stranger] = elsewhere.staff as [Staff]

    const list = await get(stranger, '/pool')
    expect(list.json().items.map((i: { customerId: string }) => i.customerId)).not.toContain(
      customer,
    )
    const refused = await pick(stranger, customer)
    expect(refused.statusCode).toBe(404)
    expect(refused.json().error.code).toBe('POOL_CUSTOMER_NOT_FOUND')
    expect(await eventsOf(customer, 'pool.picked')).toMatchObject([
      { outcome: 'denied', reason: 'out_of_scope', actor_id: stranger.id },
    ])
    expect(await ownerOf(customer)).toBeNull()
    // The same answer as a customer that does not exist; a malformed id is refused by the schema.
    const missing = await pick(stranger, crypto.randomUUID())
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toEqual(refused.json().error)
    expect((await pick(stranger, 'not-an-id')).statusCode).toBe(400)
    // A salesperson in no department has no pool; a role without pool.pick none at all.
    const homeless = await createStaff(t.deps, ['sales'])
    expect((await get(homeless, '/pool')).json().items).toEqual([])
    expect((await pick(homeless, customer)).statusCode).toBe(404)
    const officer = await createStaff(t.deps, ['compliance'])
    expect((await get(officer, '/pool')).statusCode).toBe(403)
    expect((await pick(officer, customer)).statusCode).toBe(403)
  })
})

describe('giving a customer up to the pool (CUS-10)', () => {
  it('lets the owner or a manager release a customer, audited; a stranger gets not found; the owner waits the cool-off', async () => {
    const { staff, manager } = await department('公海十一部')
    const [owner, colleague] = staff as [Staff, Staff]
    const mine = await customerOf(owner)
    const theirs = await customerOf(colleague)
    const release = async (by: Staff, id: string) =>
      call(t.app, {
        method: 'POST',
        url: `/api/v1/pool/${id}/release`,
        cookie: await as(by),
        payload: {},
      })
    // A colleague's customer is outside a salesperson's own scope.
    const refused = await release(owner, theirs)
    expect(refused.statusCode).toBe(404)
    expect(await ownerOf(theirs)).toBe(colleague.id)

    const released = await release(owner, mine)
    expect(released.statusCode, released.body).toBe(200)
    expect(await ownerOf(mine)).toBeNull()
    const [moved] = await eventsOf(mine, 'customer.owner_changed')
    expect(moved?.details).toMatchObject({ kind: 'recycled', reason: 'released', from: owner.id })
    expect((await release(owner, mine)).statusCode).toBe(404)
    expect((await pick(owner, mine)).json().error.code).toBe('POOL_COOL_OFF')
    expect((await pick(colleague, mine)).statusCode).toBe(200)

    // The department's manager may release any customer of the department.
    expect((await release(manager, theirs)).statusCode).toBe(200)
    expect(await ownerOf(theirs)).toBeNull()
  })
})

describe('the pool’s settings (CUS-10)', () => {
  it('are read by anyone signed in and changed by settings.manage alone, valid and audited', async () => {
    const { staff } = await department('公海十部', 1)
    const [sales] = staff as [Staff]
    const admin = await administrator()
    expect((await put(admin, SETTINGS)).statusCode).toBe(200)
    const read = await get(sales, '/pool/settings')
    expect(read.statusCode, read.body).toBe(200)
    expect(read.json()).toMatchObject({
      dailyPickLimit: 2,
      coolOffDays: 30,
      ownerCap: 500,
      rules: [
        { grade: null, recycleAfterDays: 60, warnDaysBefore: 7 },
        { grade: 'general', recycleAfterDays: 20, warnDaysBefore: 3 },
      ],
      changedBy: { id: admin.id },
    })
    expect((await put(sales, SETTINGS)).statusCode).toBe(403)
    for (const rules of [
      [{ grade: 'general', recycleAfterDays: 20, warnDaysBefore: 3 }],
      [
        { grade: null, recycleAfterDays: 60, warnDaysBefore: 7 },
        { grade: null, recycleAfterDays: 30, warnDaysBefore: 7 },
      ],
      [{ grade: null, recycleAfterDays: 7, warnDaysBefore: 7 }],
    ]) {
      const bad = await put(await administrator(), { ...SETTINGS, rules })
      expect(bad.statusCode).toBe(422)
      expect(bad.json().error.code).toBe('POOL_RULES_INVALID')
    }
    expect((await put(await administrator(), { ...SETTINGS, dailyPickLimit: -1 })).statusCode).toBe(
      400,
    )
    const changed = await put(await administrator(), { ...SETTINGS, dailyPickLimit: 3 })
    expect(changed.json()).toMatchObject({ dailyPickLimit: 3 })
    const [event] = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'pool.settings_changed')
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    expect(event?.details).toMatchObject({
      before: { dailyPickLimit: 2 },
      after: { dailyPickLimit: 3 },
    })
    await put(await administrator(), SETTINGS)
  })
})
