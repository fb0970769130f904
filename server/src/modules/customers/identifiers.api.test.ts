import { beforeAll, describe, expect, it } from 'vitest'
import { individual, organization } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * CUS-2: an ID number whose first two digits are no
 * province-level code was accepted, and neither the address code of an ID
 * number nor a credit code's authority and region were checked.
 */
let t: TestApp
let manager: string

beforeAll(async () => {
  t = await createTestApp()
  manager = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '零售业务部'))
})

const create = (payload: Record<string, unknown>, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/customers',
    cookie: manager,
    headers: { 'accept-language': language },
    payload,
  })
const countCustomers = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('identifiers are checked against GB/T 2260 and GB 32100 (CUS-2)', () => {
  it('refuses the ID number 700542197909139177: its checksum is right, but 70 is no province', async () => {
    const before = await countCustomers()
    const refused = await create(individual({ idNumber: '700542197909139177' }), 'en')
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.code).toBe('VALIDATION_FAILED')
    expect(refused.json().error.fields).toEqual({
      idNumber: expect.stringContaining('province-level'),
    })
    // No confirmation opens it: it is refused, not warned about.
    const insisted = await create(
      individual({ idNumber: '700542197909139177', confirm: ['idNumberRegion'] }),
    )
    expect(insisted.statusCode).toBe(400)
    expect(insisted.json().error.fields.idNumber).toContain('省级行政区划代码')
    expect(await countCustomers()).toBe(before)
  })

  it('accepts historical address codes without a question', async () => {
    for (const idNumber of ['110103198001010013', '14220119750315002X', '110221800101001']) {
      const created = await create(individual({ idNumber, bankCards: [], bankAccounts: [] }))
      expect(created.statusCode, `${idNumber}: ${created.body}`).toBe(201)
    }
  })

  it('warns on an address code of no revision, and stores it once confirmed', async () => {
    const before = await countCustomers()
    const payload = individual({ idNumber: '110199198001010016', bankCards: [], bankAccounts: [] })
    const warned = await create(payload)
    expect(warned.statusCode).toBe(400)
    expect(warned.json().error.code).toBe('CONFIRMATION_REQUIRED')
    expect(warned.json().error.fields).toEqual({
      idNumber: expect.stringContaining('行政区划代码'),
    })
    // Confirming another warning is not confirming this one.
    const wrong = await create({ ...payload, confirm: ['creditCodeChecksum'] })
    expect(wrong.json().error.code).toBe('CONFIRMATION_REQUIRED')
    expect(await countCustomers()).toBe(before)
    const confirmed = await create({ ...payload, confirm: ['idNumberRegion'] })
    expect(confirmed.statusCode, confirmed.body).toBe(201)
  })

  it('refuses a credit code whose authority, category or province does not exist', async () => {
    const before = await countCustomers()
    for (const [creditCode, message] of [
      ['94440300MA5F000011', '登记管理部门代码或机构类别代码'], // 工商 registers no category 4
      ['B1440300MA5F000018', '登记管理部门代码或机构类别代码'], // no authority B
      ['91700542MA5F000013', '省级行政区划代码'],
    ] as const) {
      const refused = await create(
        organization({ creditCode, confirm: ['creditCodeChecksum', 'creditCodeRegion'] }),
      )
      expect(refused.statusCode, creditCode).toBe(400)
      expect(refused.json().error.code).toBe('VALIDATION_FAILED')
      expect(refused.json().error.fields.creditCode).toContain(message)
    }
    expect(await countCustomers()).toBe(before)
  })

  it('warns on an unknown credit-code region and on a failed checksum, each confirmed by name', async () => {
    const payload = organization({ creditCode: '91440399MA5F00001Q' }) // unknown region and bad checksum
    const first = await create(payload, 'en')
    expect(first.json().error.code).toBe('CONFIRMATION_REQUIRED')
    expect(first.json().error.fields.creditCode).toContain('not a known division code')
    const second = await create({ ...payload, confirm: ['creditCodeRegion'] }, 'en')
    expect(second.json().error.code).toBe('CONFIRMATION_REQUIRED')
    expect(second.json().error.fields.creditCode).toContain('check character')
    const confirmed = await create({
      ...payload,
      confirm: ['creditCodeRegion', 'creditCodeChecksum'],
    })
    expect(confirmed.statusCode, confirmed.body).toBe(201)
    const central = await create(organization({ creditCode: '11100000000013127D' }))
    expect(central.statusCode, central.body).toBe(201)
  })

  it('checks a changed ID number the same way', async () => {
    const created = await create(individual({ bankCards: [], bankAccounts: [] }))
    expect(created.statusCode).toBe(201)
    const changed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${created.json().id}`,
      cookie: manager,
      payload: { idNumber: '700542197909139177' },
    })
    expect(changed.statusCode).toBe(400)
    expect(changed.json().error.fields.idNumber).toContain('省级行政区划代码')
  })
})
