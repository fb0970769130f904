import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { individual, organization } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { up as maskFreeText } from '../../db/migrations/0013-masking.js'

/**
 * CLS-4: long personal names were masked like
 * organisations' (`阿卜杜热合曼·买买提` → `阿卜****·买买提`, `Muhammadali` →
 * `Mu*****dali`), addresses showed more than the district, and `notes` and
 * `needs` were shown plain to everyone who could see the record.
 */
let t: TestApp
let manager: string
let agent: string

beforeAll(async () => {
  t = await createTestApp()
  const department = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', department)
  agent = await signedIn(t.app, t.deps, 'agent', department)
})

const person = (name: string, overrides: Record<string, unknown> = {}) =>
  individual({ name, bankCards: [], bankAccounts: [], ...overrides })

async function create(payload: Record<string, unknown>): Promise<string> {
  const response = await call(t.app, {
    method: 'POST',
    url: '/api/v1/customers',
    cookie: manager,
    payload,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}
const view = async (cookie: string, id: string) =>
  (await call(t.app, { method: 'GET', url: `/api/v1/customers/${id}`, cookie })).json()

describe('masking follows the kind of record, not the length of the text (CLS-4)', () => {
  it('masks long and transliterated personal names as a person’s name, in the record and the list', async () => {
    const uyghur = await create(person('阿卜杜热合曼·买买提'))
    const latin = await create(person('Muhammadali'))
    for (const cookie of [manager, agent]) {
      expect((await view(cookie, uyghur)).name).toBe('阿***')
      expect((await view(cookie, latin)).name).toBe('M***')
    }
    const list = await call(t.app, {
      method: 'GET',
      url: '/api/v1/customers?limit=100',
      cookie: agent,
    })
    const names = list.json().items.map((item: { name: string }) => item.name)
    expect(names).toEqual(expect.arrayContaining(['阿***', 'M***']))
    expect(names).not.toContain('阿卜****·买买提')
    expect(names).not.toContain('Mu*****dali')
  })

  it('masks an organisation’s name as an organisation’s and its contact person’s as a person’s', async () => {
    const id = await create(
      organization({
        name: '深圳市金丝雀信息技术有限公司',
        contacts: [{ name: '阿卜杜热合曼·买买提', mobile: '13787654321' }],
      }),
    )
    const shown = await view(agent, id)
    expect(shown.name).toBe('深圳********有限公司')
    expect(shown.contacts).toEqual([{ name: '阿***', mobile: '137****4321' }])
  })

  it('shows an address to the district only', async () => {
    const id = await create(
      person('张三', { address: '北京市海淀区中关村大街1号院2号楼3单元401室' }),
    )
    expect((await view(agent, id)).address).toBe('北京市海淀区****')
    const town = await create(person('李四', { address: '江苏省昆山市玉山镇人民路2号' }))
    expect((await view(agent, town)).address).toBe('江苏省昆山市****')
  })

  it('masks notes and needs until revealed, with a purpose', async () => {
    const id = await create(
      person('王五', { notes: '客户患有糖尿病, 子女在国外', needs: '想把 200 万存款转入理财' }),
    )
    const shown = await view(manager, id)
    expect(shown).toMatchObject({ notes: '***', needs: '***' })
    expect(shown.masked).toEqual(expect.arrayContaining(['notes', 'needs']))
    expect(shown.revealable).toEqual(expect.arrayContaining(['notes', 'needs']))
    expect(await view(agent, id)).toMatchObject({ notes: '***', needs: '***' })
    const revealed = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      cookie: manager,
      payload: { fields: ['notes', 'needs'], purpose: 'service' },
    })
    expect(revealed.statusCode, revealed.body).toBe(200)
    expect(revealed.json().values).toEqual({
      notes: '客户患有糖尿病, 子女在国外',
      needs: '想把 200 万存款转入理财',
    })
  })

  it('moves an installation that still shows notes and needs plain to the text rule (migration 0013)', async () => {
    await sql`update field_catalogue set masking = 'none' where field in ('notes', 'needs')`.execute(
      t.deps.db,
    )
    await maskFreeText(t.deps.db as never)
    const rows = await t.deps.db
      .selectFrom('field_catalogue')
      .select(['field', 'masking'])
      .where('field', 'in', ['notes', 'needs'])
      .orderBy('field')
      .execute()
    expect(rows).toEqual([
      { field: 'needs', masking: 'text' },
      { field: 'notes', masking: 'text' },
    ])
  })
})
