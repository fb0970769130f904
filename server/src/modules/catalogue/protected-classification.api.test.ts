import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * Issue 12, item 3 (CLS-1, CLS-4, ACC-5): one administrator cannot take the
 * protection off what the law protects, and a change that lowers protection
 * waits for a second, authorised person.
 */
let t: TestApp
let secadmin: string
let agent: string
let manager: string
let customer: string

beforeAll(async () => {
  t = await createTestApp()
  const department = await createDepartment(t.deps, '零售业务部')
  secadmin = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))
  agent = await signInAs(t.app, await createStaff(t.deps, ['agent'], { departmentId: department }))
  manager = await signInAs(
    t.app,
    await createStaff(t.deps, ['manager'], { departmentId: department }),
  )
  customer = await createCustomerAs(t.app, manager, individual())
})

const patch = (cookie: string, field: string, payload: object, language = 'zh-CN') =>
  call(t.app, {
    method: 'PATCH',
    url: `/api/v1/field-catalogue/${field}`,
    cookie,
    headers: { 'accept-language': language },
    payload,
  })

const catalogueEntry = async (field: string) =>
  (await call(t.app, { method: 'GET', url: '/api/v1/field-catalogue', cookie: agent }))
    .json()
    .items.find((e: { field: string }) => e.field === field)

const agentListRow = async () =>
  (await call(t.app, { method: 'GET', url: '/api/v1/customers', cookie: agent }))
    .json()
    .items.find((c: { id: string }) => c.id === customer)

describe('legally sensitive fields (CLS-1)', () => {
  it('refuses the exact PATCH of the issue: the ID number stays sensitive and masked', async () => {
    const zh = await patch(secadmin, 'idNumber', { sensitive: false, masking: 'none' })
    expect(zh.statusCode).toBe(400)
    expect(zh.json().error).toMatchObject({
      code: 'PROTECTION_FLOOR',
      fields: {
        sensitive: expect.stringContaining('敏感个人信息'),
        masking: expect.stringContaining('脱敏'),
      },
    })
    const en = await patch(secadmin, 'idNumber', { sensitive: false, masking: 'none' }, 'en')
    expect(en.json().error.fields).toEqual({
      sensitive:
        'ID numbers, bank accounts, cards, financial data, health and biometric data are sensitive by law: this cannot be turned off.',
      masking:
        'Sensitive by law: keep its own masking rule or one that hides the whole value (amount, text, hidden).',
    })

    // Nothing changed: the catalogue, the agent's list, the trail.
    expect(await catalogueEntry('idNumber')).toMatchObject({
      sensitive: true,
      masking: 'id-number',
    })
    const row = await agentListRow()
    expect(row.idNumber).toBe('440304********123X')
    expect(JSON.stringify(row)).not.toContain(CANARY.idNumber)
    const events = await t.deps.db
      .selectFrom('audit_events')
      .select(['outcome', 'reason'])
      .where('action', '=', 'catalogue.changed')
      .where('target_id', '=', 'idNumber')
      .execute()
    expect(events).toEqual([
      { outcome: 'denied', reason: 'legally_sensitive' },
      { outcome: 'denied', reason: 'legally_sensitive' },
    ])
  })

  it('refuses bank cards and income unmasked, and a switch to a rule below the floor', async () => {
    for (const field of ['bankCards', 'income', 'bankAccounts', 'assets', 'investments']) {
      const response = await patch(secadmin, field, { level: 1, masking: 'none' }, 'en')
      expect(response.statusCode, field).toBe(400)
      expect(response.json().error.code).toBe('PROTECTION_FLOOR')
      expect(Object.keys(response.json().error.fields)).toEqual(['masking'])
    }
    // A partial rule of another kind is below the floor too: income shown by the name rule.
    const partial = await patch(secadmin, 'income', { masking: 'name' })
    expect(partial.json().error.fields).toEqual({ masking: expect.any(String) })
    expect(await catalogueEntry('bankCards')).toMatchObject({ level: 3, masking: 'bank-card' })
    expect(await catalogueEntry('income')).toMatchObject({ level: 2, masking: 'amount' })
    const row = await agentListRow()
    expect(row.income).toBe('***')
    expect(row.bankCards).toEqual(['6222 **** **** 0123'])
  })

  it('holds even against a catalogue row edited in the database directly', async () => {
    await t.deps.db
      .updateTable('field_catalogue')
      .set({ sensitive: false, masking: 'none' })
      .where('field', '=', 'idNumber')
      .execute()
    // Any change through the API makes this process read the catalogue afresh.
    expect((await patch(secadmin, 'occupation', { labelEn: 'Job' })).statusCode).toBe(200)
    expect(await catalogueEntry('idNumber')).toMatchObject({
      sensitive: true,
      masking: 'id-number',
    })
    expect((await agentListRow()).idNumber).toBe('440304********123X')
    await t.deps.db
      .updateTable('field_catalogue')
      .set({ sensitive: true, masking: 'id-number' })
      .where('field', '=', 'idNumber')
      .execute()
  })
})
