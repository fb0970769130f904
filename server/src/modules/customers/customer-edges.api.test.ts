import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, organization } from '../../../test/customer-fixtures.js'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

let t: TestApp
let manager: string

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_REVEAL_RATE_LIMIT: '3' })
  const department = await t.deps.db
    .insertInto('departments')
    .values({ name: '公司业务部' })
    .returning('id')
    .executeTakeFirstOrThrow()
  manager = await signInAs(
    t.app,
    await createStaff(t.deps, ['manager'], { departmentId: department.id }),
  )
})

const findByMobile = async (mobile: string) =>
  (
    await call(t.app, { method: 'GET', url: `/api/v1/customers?mobile=${mobile}`, cookie: manager })
  ).json().items.length

describe('customer record edges', () => {
  it('asks for the kind of customer, in the caller’s language', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: manager,
      headers: { 'accept-language': 'en' },
      payload: { name: '无类型' },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('VALIDATION_FAILED')
  })

  it('re-indexes contacts when they change (CLS-5)', async () => {
    const id = await createCustomerAs(t.app, manager, organization())
    expect(await findByMobile('13787654321')).toBe(1)
    const changed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${id}`,
      cookie: manager,
      payload: { contacts: [{ name: '新联系人', mobile: '13722223333' }] },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().contacts).toEqual([{ name: '新***', mobile: '137****3333' }])
    expect(await findByMobile('13787654321')).toBe(0)
    expect(await findByMobile('13722223333')).toBe(1)
  })

  it('filters by grade and source within the scope (CUS-3)', async () => {
    const important = await createCustomerAs(t.app, manager, {
      kind: 'individual',
      name: '周一',
      grade: 'important',
      source: 'referral',
    })
    const general = await createCustomerAs(t.app, manager, {
      kind: 'individual',
      name: '周二',
      grade: 'general',
      source: 'referral',
    })
    const ids = async (query: string) =>
      (await call(t.app, { method: 'GET', url: `/api/v1/customers?${query}`, cookie: manager }))
        .json()
        .items.map((c: { id: string }) => c.id)
    expect(await ids('grade=important&source=referral')).toEqual([important])
    expect((await ids('source=referral')).sort()).toEqual([general, important].sort())
    const bad = await call(t.app, {
      method: 'GET',
      url: '/api/v1/customers?grade=vip',
      cookie: manager,
    })
    expect(bad.statusCode).toBe(400)
  })

  it('limits reveals per account per minute, and audits the refusal (ACC-2)', async () => {
    const id = await createCustomerAs(
      t.app,
      manager,
      organization({ creditCode: '91110108MA01ABCDEN' }),
    )
    const reveal = () =>
      call(t.app, {
        method: 'POST',
        url: `/api/v1/customers/${id}/reveal`,
        cookie: manager,
        payload: { fields: ['creditCode'], purpose: 'contract' },
      })
    for (let i = 0; i < 3; i++) expect((await reveal()).statusCode).toBe(200)
    const limited = await reveal()
    expect(limited.statusCode).toBe(429)
    const refused = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'customer.revealed')
      .where('reason', '=', 'rate_limited')
      .execute()
    expect(refused).toHaveLength(1)
    t.clock.advance(60_000)
    expect((await reveal()).statusCode).toBe(200)
  })
})
