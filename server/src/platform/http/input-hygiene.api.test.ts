import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signedIn, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * CUS-2: a stored text cannot disguise itself. The
 * issue's name `张\u202e三\u200b` (an override that displays the rest
 * reversed, and a zero-width space) is refused; zero-width characters alone
 * are removed; control characters are refused — for customers, departments,
 * account names and free-text notes alike, because the rule sits at one
 * depth in front of every route (input-hygiene.ts).
 */
let t: TestApp
let manager: string
let sysadmin: string
let departmentId: string

beforeAll(async () => {
  t = await createTestApp()
  departmentId = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', departmentId)
  sysadmin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
})

const DISGUISED = '张\u202e三\u200b'
const countOf = async (table: 'customers' | 'departments') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const revealed = async (id: string, fields: string[]) => {
  const response = await call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${id}/reveal`,
    cookie: manager,
    payload: { fields, purpose: 'service' },
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().values as Record<string, unknown>
}

describe('stored text is normalised (CUS-2)', () => {
  it('refuses the issue’s customer name, naming the field, and stores nothing', async () => {
    const before = await countOf('customers')
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: manager,
      headers: { 'accept-language': 'en' },
      payload: individual({ name: DISGUISED }),
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The request has invalid fields.',
      fields: {
        name: 'Contains characters that are not allowed (control, text-direction or invisible characters).',
      },
    })
    expect(await countOf('customers')).toBe(before)
  })

  it('stores a customer name without its zero-width characters, and finds it by the clean name', async () => {
    const id = await createCustomerAs(t.app, manager, individual({ name: '甄\u200b金\u2060丝雀' }))
    expect((await revealed(id, ['name'])).name).toBe('甄金丝雀')
    const found = await call(t.app, {
      url: `/api/v1/customers?q=${encodeURIComponent('甄金丝雀')}`,
      cookie: manager,
    })
    expect(found.json().items.map((item: { id: string }) => item.id)).toContain(id)
  })

  it('keeps line breaks in notes but refuses controls and overrides there too', async () => {
    const id = await createCustomerAs(
      t.app,
      manager,
      individual({ notes: '第一行\r\n第二行\u200b', needs: '理财\n保险' }),
    )
    // Accepted; the customer record then folds white space into one space, as it always has.
    expect(await revealed(id, ['notes', 'needs'])).toEqual({
      notes: '第一行 第二行',
      needs: '理财 保险',
    })
    for (const notes of ['响铃\u0007', '反向\u202e文字', 'NUL\u0000']) {
      const response = await call(t.app, {
        method: 'PATCH',
        url: `/api/v1/customers/${id}`,
        cookie: manager,
        payload: { notes },
      })
      expect(response.statusCode, notes).toBe(400)
      expect(Object.keys(response.json().error.fields)).toEqual(['notes'])
    }
    expect((await revealed(id, ['notes'])).notes).toBe('第一行 第二行')
  })

  it('refuses a line break in a one-line field', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: manager,
      headers: { 'accept-language': 'en' },
      payload: individual({ name: '张三\n李四' }),
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({
      name: 'Must be a single line, without line breaks or tabs.',
    })
  })

  it('does the same for a contact of an organisation, at any depth', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: manager,
      payload: {
        kind: 'organization',
        name: '深圳市示例科技有限公司',
        creditCode: '91440300MA5F00001A',
        confirm: ['creditCodeChecksum'],
        contacts: [{ name: DISGUISED, mobile: '13787654321' }],
      },
    })
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.fields)).toEqual(['contacts.0.name'])
  })

  it('refuses or cleans a department name', async () => {
    const before = await countOf('departments')
    const refused = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      cookie: sysadmin,
      payload: { name: `对公${DISGUISED}` },
    })
    expect(refused.statusCode).toBe(400)
    expect(Object.keys(refused.json().error.fields)).toEqual(['name'])
    expect(await countOf('departments')).toBe(before)

    const cleaned = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      cookie: sysadmin,
      payload: { name: '\ufeff对公\u200b业务部' },
    })
    expect(cleaned.statusCode, cleaned.body).toBe(201)
    expect(cleaned.json().name).toBe('对公业务部')
    const row = await t.deps.db
      .selectFrom('departments')
      .select('name')
      .where('id', '=', cleaned.json().id)
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('对公业务部')
  })

  it('refuses or cleans an account’s display name', async () => {
    const staff = await createStaff(t.deps, ['agent'], { departmentId })
    const patch = (displayName: string) =>
      call(t.app, {
        method: 'PATCH',
        url: `/api/v1/accounts/${staff.id}`,
        cookie: sysadmin,
        payload: { displayName },
      })
    const refused = await patch(`王五${'\u202e'}`)
    expect(refused.statusCode).toBe(400)
    expect(Object.keys(refused.json().error.fields)).toEqual(['displayName'])
    const cleaned = await patch('王\u200d五')
    expect(cleaned.statusCode, cleaned.body).toBe(200)
    const row = await t.deps.db
      .selectFrom('accounts')
      .select('display_name')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow()
    expect(row.display_name).toBe('王五')
  })

  it('refuses a key that carries such characters without echoing it', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      cookie: sysadmin,
      payload: { 'name\u202e': 'x' },
    })
    expect(response.statusCode).toBe(400)
    expect(JSON.stringify(response.json())).not.toContain('\u202e')
  })

  it('passes passwords through as typed: they are hashed, never stored as text', async () => {
    const staff = await createStaff(t.deps, ['agent'], { password: 'Zero\u200bWidth-Pass-42' })
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: staff.username, password: 'Zero\u200bWidth-Pass-42' },
    })
    expect(response.statusCode, response.body).toBe(200)
  })
})
