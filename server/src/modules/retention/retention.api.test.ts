import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { flagExpired } from './flag-expired.js'

let t: TestApp
let manager: string
let lead: string
let client: string

beforeAll(async () => {
  t = await createTestApp()
  const dept = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', dept)
  // A web registration that never became a customer, and a customer.
  lead = await createCustomerAs(t.app, manager, {
    kind: 'individual',
    name: '赵线索',
    source: 'web_form',
  })
  client = await createCustomerAs(t.app, manager, {
    kind: 'individual',
    name: '钱客户',
    tenure: 'new',
  })
})

const reviews = async (cookie: string, status = 'open') =>
  (
    await call(t.app, { method: 'GET', url: `/api/v1/retention/reviews?status=${status}`, cookie })
  ).json().items as { id: string; customerId: string; policy: string }[]

describe('retention review (RET-1)', () => {
  it('flags a registration past its two months once, and not a customer (injected clock)', async () => {
    expect(await flagExpired(t.deps.db, t.clock.now())).toBe(0)
    t.clock.advance(59 * DAY)
    expect(await flagExpired(t.deps.db, t.clock.now())).toBe(0)
    t.clock.advance(2 * DAY)
    expect(await flagExpired(t.deps.db, t.clock.now())).toBe(1)
    // Flagged once, while its review is open.
    expect(await flagExpired(t.deps.db, t.clock.now())).toBe(0)

    const officer = await signedIn(t.app, t.deps, 'compliance')
    const open = await reviews(officer)
    expect(open).toEqual([expect.objectContaining({ customerId: lead, policy: 'lead_validity' })])
    expect(open.map((r) => r.customerId)).not.toContain(client)
    // Staff outside compliance do not see the queue (a fresh session: the clock has moved on).
    const forbidden = await call(t.app, {
      method: 'GET',
      url: '/api/v1/retention/reviews',
      cookie: await signedIn(t.app, t.deps, 'manager'),
    })
    expect(forbidden.statusCode, forbidden.body).toBe(403)
  })

  it('keeps a customer on a decision, flagging again only a period later; a destruction request takes it over', async () => {
    const officer = await signedIn(t.app, t.deps, 'compliance')
    const [review] = await reviews(officer)
    const kept = await call(t.app, {
      method: 'POST',
      url: `/api/v1/retention/reviews/${review?.id}/keep`,
      cookie: officer,
    })
    expect(kept.statusCode).toBe(204)
    expect(await flagExpired(t.deps.db, t.clock.now())).toBe(0)
    t.clock.advance(61 * DAY)
    expect(await flagExpired(t.deps.db, t.clock.now())).toBe(1)

    const again = await signedIn(t.app, t.deps, 'compliance')
    const destruction = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${lead}/destruction`,
      cookie: again,
      payload: { reason: 'retention_expired' },
    })
    expect(destruction.statusCode).toBe(202)
    expect(await reviews(again)).toEqual([])
    expect((await reviews(again, 'destruction_requested')).map((r) => r.customerId)).toEqual([lead])
  })

  it('lets compliance change a period', async () => {
    const officer = await signedIn(t.app, t.deps, 'compliance')
    const changed = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/retention/policies/lead_validity',
      cookie: officer,
      payload: { periodDays: 90 },
    })
    expect(changed.json()).toMatchObject({ code: 'lead_validity', periodDays: 90, basis: 'lead' })
  })

  it('takes a period counted from the withdrawal of a consent, and flags by it', async () => {
    const officer = await signedIn(t.app, t.deps, 'compliance')
    const policy = {
      code: 'sms_after_withdrawal',
      nameZh: '撤回短信营销同意后',
      nameEn: 'After SMS marketing consent is withdrawn',
      basis: 'consented',
      appliesTo: 'all',
      measuredFrom: 'consent_withdrawn',
      purpose: 'marketing_sms',
      periodDays: 30,
    }
    const missing = await call(t.app, {
      method: 'POST',
      url: '/api/v1/retention/policies',
      cookie: officer,
      payload: { ...policy, purpose: null },
    })
    expect(missing.json().error.fields.purpose).toBeTruthy()
    const added = await call(t.app, {
      method: 'POST',
      url: '/api/v1/retention/policies',
      cookie: officer,
      payload: policy,
    })
    expect(added.statusCode, added.body).toBe(201)
    for (const granted of [true, false]) {
      await call(t.app, {
        method: 'POST',
        url: `/api/v1/customers/${client}/consents`,
        cookie: officer,
        payload: { purpose: 'marketing_sms', granted, channel: 'phone' },
      })
    }
    t.clock.advance(31 * 24 * 60 * 60 * 1000)
    await flagExpired(t.deps.db, t.clock.now())
    const flagged = await reviews(await signedIn(t.app, t.deps, 'compliance'))
    expect(flagged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ customerId: client, policy: 'sms_after_withdrawal' }),
      ]),
    )
  })
})
