import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * DQ-1 at entry (issue 18 §3): a record being entered is compared with the
 * customers of the caller's scope that share a blocking key, and the likely
 * duplicates are shown masked, with their score and its reasons.
 */
let t: TestApp
let retail: string
let corporate: string
let existing: string

beforeAll(async () => {
  t = await createTestApp()
  retail = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '零售业务部'))
  corporate = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '对公业务部'))
  existing = await createCustomerAs(t.app, retail, {
    kind: 'individual',
    name: '李友琴',
    mobile: '13912345678',
    address: '广东省深圳市南山区科技园路1号',
  })
})

const check = (cookie: string, body: Record<string, unknown>) =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/customers/duplicate-check',
    cookie,
    payload: { kind: 'individual', ...body },
  })

describe('likely duplicates at entry (DQ-1)', () => {
  it('shows a homophone with a mistyped mobile at the same address, masked, with its reasons', async () => {
    const answer = await check(retail, {
      name: '李友勤',
      mobile: '13912345679',
      address: '深圳市南山区科技园路1号',
    })
    expect(answer.statusCode, answer.body).toBe(200)
    const body = answer.json()
    expect(body.matches).toEqual([])
    expect(body.likely).toHaveLength(1)
    const [likely] = body.likely
    expect(likely).toMatchObject({ customerId: existing, name: '李**' })
    expect(likely.score).toBeGreaterThanOrEqual(0.9)
    const keys = likely.reasons.map((r: { key: string }) => r.key)
    expect(keys).toEqual(expect.arrayContaining(['name.pinyin', 'mobile.oneDigit', 'address.same']))
    // Reasons name fields and levels, never a value.
    expect(answer.body).not.toContain('李友琴')
    expect(answer.body).not.toContain('13912345678')
    expect(answer.body).not.toContain('科技园')

    const trail = await t.deps.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'customer.duplicate_checked')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(trail.details).toMatchObject({ compared: [existing], likely: [existing] })
  })

  it('shows nothing beyond the caller’s scope, nor for a name alone', async () => {
    const beyond = await check(corporate, {
      name: '李友勤',
      mobile: '13912345679',
      address: '深圳市南山区科技园路1号',
    })
    expect(beyond.json().likely).toEqual([])
    // A name, however exact, is shared by namesakes: not a likely duplicate on its own.
    const nameOnly = await check(retail, { name: '李友琴' })
    expect(nameOnly.statusCode, nameOnly.body).toBe(200)
    expect(nameOnly.json().likely).toEqual([])
  })

  it('leaves out the record being corrected and the exact matches, which are listed apart', async () => {
    const self = await check(retail, {
      customerId: existing,
      name: '李友琴',
      mobile: '13912345678',
      address: '广东省深圳市南山区科技园路1号',
    })
    expect(self.json()).toMatchObject({ matches: [], likely: [] })
    const exact = await check(retail, { name: '李友琴', mobile: '13912345678' })
    expect(exact.json().matches).toHaveLength(1)
    expect(exact.json().likely).toEqual([])
  })
})
