import { afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest'
import { individual, organization } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * Issue 13 item 8: a request decrypts each value it shows once. The vault of
 * the test app is watched: a read opens exactly the sealed values the answer
 * shows (one per shown personal field, one key unwrap per customer), a
 * change opens no value twice, and a creation opens nothing — it presents
 * the plain values it has just sealed.
 */
let t: TestApp
let manager: string
let agent: string
let opens: MockInstance
let unwraps: MockInstance

/** The answer's keys that are not personal fields. */
const NOT_PERSONAL = new Set([
  'id',
  'owner',
  'registration',
  'kind',
  'status',
  'grade',
  'trackingLevel',
  'tenure',
  'industry',
  'size',
  'source',
  'ownerId',
  'departmentId',
  'createdAt',
  'updatedAt',
  'masked',
  'revealable',
  'customFields',
])

/** How many sealed values an answer shows: each personal field is one sealed value. */
function shownValues(view: Record<string, unknown>): number {
  const custom = Object.keys((view.customFields as Record<string, unknown> | undefined) ?? {})
  return Object.keys(view).filter((key) => !NOT_PERSONAL.has(key)).length + custom.length
}

/** The (customer, field) pairs opened since the last reset. */
const openedPairs = () =>
  opens.mock.calls.map(([key, field]) => `${(key as { customerId: string }).customerId}:${field}`)

beforeAll(async () => {
  t = await createTestApp()
  const department = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', department)
  agent = await signedIn(t.app, t.deps, 'agent', department)
  opens = vi.spyOn(t.deps.vault, 'open')
  unwraps = vi.spyOn(t.deps.vault, 'openCustomerKey')
})

afterEach(() => {
  opens.mockClear()
  unwraps.mockClear()
})

async function create(payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await call(t.app, {
    method: 'POST',
    url: '/api/v1/customers',
    cookie: manager,
    payload,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

describe('decryption once per request (issue 13 item 8, CLS-2)', () => {
  it('POST /customers opens no value and unwraps no key: it presents what it sealed', async () => {
    const person = await create(individual({ name: '甄一次' }))
    const company = await create(organization({ name: '深圳市一次信息技术有限公司' }))
    expect(shownValues(person)).toBeGreaterThan(5)
    expect(shownValues(company)).toBeGreaterThan(2)
    expect(opens).not.toHaveBeenCalled()
    expect(unwraps).not.toHaveBeenCalled()
  })

  it('GET /customers/{id} opens each shown value once, under one key unwrap', async () => {
    const { id } = await create(individual({ name: '甄读取' }))
    const { id: companyId } = await create(organization({ name: '深圳市读取信息技术有限公司' }))
    for (const cookie of [manager, agent]) {
      for (const customer of [id, companyId]) {
        opens.mockClear()
        unwraps.mockClear()
        const response = await call(t.app, {
          method: 'GET',
          url: `/api/v1/customers/${customer}`,
          cookie,
        })
        expect(response.statusCode, response.body).toBe(200)
        expect(opens).toHaveBeenCalledTimes(shownValues(response.json()))
        expect(new Set(openedPairs()).size).toBe(opens.mock.calls.length)
        expect(unwraps).toHaveBeenCalledTimes(1)
      }
    }
  })

  it('a list page opens each shown value once, one key unwrap per customer shown', async () => {
    for (const name of ['甄列表甲', '甄列表乙', '甄列表丙']) await create(individual({ name }))
    await create(organization({ name: '深圳市列表信息技术有限公司' }))
    for (const cookie of [manager, agent]) {
      opens.mockClear()
      unwraps.mockClear()
      const response = await call(t.app, {
        method: 'GET',
        url: '/api/v1/customers?limit=5',
        cookie,
      })
      expect(response.statusCode, response.body).toBe(200)
      const items = response.json().items as Record<string, unknown>[]
      expect(items).toHaveLength(5)
      const shown = items.reduce((sum, item) => sum + shownValues(item), 0)
      expect(opens).toHaveBeenCalledTimes(shown)
      expect(new Set(openedPairs()).size).toBe(shown)
      expect(unwraps).toHaveBeenCalledTimes(items.length)
    }
  })

  it('a list page asked for some fields opens those only, and refuses a field it does not know (issue 15)', async () => {
    await create(individual({ name: '甄两列' }))
    const list = (url: string, language = 'zh-CN') =>
      call(t.app, { method: 'GET', url, cookie: manager, headers: { 'accept-language': language } })
    const response = await list('/api/v1/customers?limit=5&fields=name,mobile')
    expect(response.statusCode, response.body).toBe(200)
    const items = response.json().items as Record<string, unknown>[]
    expect(items).toHaveLength(5)
    for (const item of items) {
      const personal = Object.keys(item).filter((key) => !NOT_PERSONAL.has(key))
      expect(personal.every((key) => key === 'name' || key === 'mobile')).toBe(true)
      expect((item.masked as string[]).every((key) => key === 'name' || key === 'mobile')).toBe(
        true,
      )
    }
    // The page's order among records created at one instant is the ids': any of them may lead.
    for (const item of items.filter((item) => item.kind === 'individual')) {
      expect(item.name).toMatch(/^甄/)
      expect(item.mobile).toMatch(/\*/)
    }
    const shown = items.reduce((sum, item) => sum + shownValues(item), 0)
    expect(opens).toHaveBeenCalledTimes(shown)
    expect(new Set(openedPairs().map((pair) => pair.split(':')[1]))).toEqual(
      new Set(['name', 'mobile']),
    )

    // A field the catalogue does not know (or one that is not personal) is a clear 400.
    for (const fields of ['name,nickname', 'grade']) {
      const refused = await list(`/api/v1/customers?fields=${fields}`, 'en')
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED' })
    }
  })

  it('PATCH /customers/{id} opens no value twice and answers as a read would', async () => {
    const { id } = await create(individual({ name: '甄修改' }))
    const response = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${id}`,
      cookie: manager,
      payload: { name: '甄已修改', mobile: '13900001111', grade: 'general' },
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(new Set(openedPairs()).size).toBe(opens.mock.calls.length)
    expect(unwraps).toHaveBeenCalledTimes(1)
    const read = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${id}`,
      cookie: manager,
    })
    expect(response.json()).toEqual(read.json())
  })

  it('a reveal of the ID number opens it once, though it also told the customer’s age', async () => {
    const { id } = await create(individual({ name: '甄揭示' }))
    const response = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      cookie: manager,
      payload: { fields: ['name', 'idNumber'], purpose: 'service' },
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().values.idNumber).toBe('44030419900307123X')
    expect(openedPairs().filter((pair) => pair.endsWith(':idNumber'))).toHaveLength(1)
    expect(new Set(openedPairs()).size).toBe(opens.mock.calls.length)
    expect(unwraps).toHaveBeenCalledTimes(1)
  })
})
