import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

let t: TestApp
let secadmin: string
let manager: string
let agent: string

beforeAll(async () => {
  t = await createTestApp()
  const department = await t.deps.db
    .insertInto('departments')
    .values({ name: '财富管理部' })
    .returning('id')
    .executeTakeFirstOrThrow()
  secadmin = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))
  manager = await signInAs(
    t.app,
    await createStaff(t.deps, ['manager'], { departmentId: department.id }),
  )
  agent = await signInAs(
    t.app,
    await createStaff(t.deps, ['agent'], { departmentId: department.id }),
  )
})

const sealedKeys = async (table: 'customer_personal' | 'customer_sensitive', id: string) =>
  Object.keys(
    (
      await t.deps.db
        .selectFrom(table)
        .select('sealed')
        .where('customer_id', '=', id)
        .executeTakeFirst()
    )?.sealed ?? {},
  )

describe('the field catalogue (CLS-1)', () => {
  it('holds the default levels of S0: L1 basic, L2 financial status, L3 accounts and holdings', async () => {
    const response = await call(t.app, {
      method: 'GET',
      url: '/api/v1/field-catalogue',
      cookie: agent,
    })
    expect(response.statusCode).toBe(200)
    const byField = Object.fromEntries(
      response.json().items.map((e: { field: string }) => [e.field, e]),
    )
    expect(byField.name).toMatchObject({
      level: 1,
      sensitive: false,
      encrypted: true,
      searchable: true,
      masking: 'name',
    })
    expect(byField.idNumber).toMatchObject({ level: 1, sensitive: true, masking: 'id-number' })
    expect(byField.income).toMatchObject({ level: 2, sensitive: true, masking: 'amount' })
    expect(byField.bankCards).toMatchObject({
      level: 3,
      sensitive: true,
      masking: 'bank-card',
      searchable: true,
    })
    expect(byField.grade).toMatchObject({ level: 0, encrypted: false })
    // In the order a form shows them: the name first.
    expect(response.json().items[0].field).toBe('name')
  })

  it('is changed by secadmin only; a change moves stored values between stores and is audited', async () => {
    const id = await createCustomerAs(t.app, manager, individual())
    expect(await sealedKeys('customer_personal', id)).toContain('employer')

    const refused = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/field-catalogue/employer',
      cookie: manager,
      payload: { level: 2 },
    })
    expect(refused.statusCode).toBe(403)

    const weak = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/field-catalogue/employer',
      cookie: secadmin,
      headers: { 'accept-language': 'en' },
      payload: { level: 3 },
    })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().error.fields).toEqual({
      masking: 'Sensitive and level 2–3 fields must be masked.',
    })

    const changed = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/field-catalogue/employer',
      cookie: secadmin,
      payload: { level: 3, masking: 'text' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ field: 'employer', level: 3, masking: 'text' })
    expect(await sealedKeys('customer_personal', id)).not.toContain('employer')
    expect(await sealedKeys('customer_sensitive', id)).toContain('employer')

    // An agent (clearance L2) now sees it masked only; a manager can reveal it.
    const asAgent = (
      await call(t.app, { method: 'GET', url: `/api/v1/customers/${id}`, cookie: agent })
    ).json()
    expect(asAgent.employer).toBe('***')
    expect(asAgent.revealable).not.toContain('employer')
    const asManager = (
      await call(t.app, { method: 'GET', url: `/api/v1/customers/${id}`, cookie: manager })
    ).json()
    expect(asManager.employer).toBe('***')
    const revealed = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      cookie: manager,
      payload: { fields: ['employer'], purpose: 'contract' },
    })
    expect(revealed.json().values).toEqual({ employer: '金丝雀科技' })

    const event = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'catalogue.changed')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ target_id: 'employer', fields: ['level', 'masking'] })
    expect(event.details).toEqual({
      level: { from: 1, to: 3 },
      masking: { from: 'none', to: 'text' },
    })
  })

  it('takes custom fields with a classification, used by create, get and reveal (CUS-1)', async () => {
    const wechat = {
      field: 'wechatId',
      appliesTo: 'individual',
      labelZh: '微信号',
      labelEn: 'WeChat ID',
      level: 1,
      sensitive: false,
      masking: 'hidden',
    }
    const addField = () =>
      call(t.app, {
        method: 'POST',
        url: '/api/v1/field-catalogue',
        cookie: secadmin,
        payload: wechat,
      })
    const added = await addField()
    expect(added.statusCode, added.body).toBe(201)
    expect(added.json()).toMatchObject({ custom: true, encrypted: true, searchable: false })
    expect((await addField()).statusCode).toBe(409)

    const id = await createCustomerAs(
      t.app,
      manager,
      individual({ customFields: { wechatId: 'canary_wx_8848' } }),
    )
    const view = (
      await call(t.app, { method: 'GET', url: `/api/v1/customers/${id}`, cookie: manager })
    ).json()
    expect(view.customFields).toEqual({ wechatId: '***' })
    expect(JSON.stringify(await sealedKeys('customer_personal', id))).toContain('wechatId')
    const revealed = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      cookie: manager,
      payload: { fields: ['wechatId'], purpose: 'service' },
    })
    expect(revealed.json().values).toEqual({ wechatId: 'canary_wx_8848' })

    const unknown = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: manager,
      payload: individual({ customFields: { shoeSize: '42' } }),
    })
    expect(unknown.statusCode).toBe(400)
    expect(Object.keys(unknown.json().error.fields)).toEqual(['customFields.shoeSize'])
  })
})

describe('purposes (ACC-2)', () => {
  it('are kept by secadmin: a retired purpose can no longer be named', async () => {
    const id = await createCustomerAs(t.app, manager, individual({ mobile: '13500000002' }))
    const retired = await call(t.app, {
      method: 'PATCH',
      url: '/api/v1/purposes/risk',
      cookie: secadmin,
      payload: { active: false },
    })
    expect(retired.statusCode).toBe(200)
    const refused = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      cookie: manager,
      payload: { fields: ['mobile'], purpose: 'risk' },
    })
    expect(refused.json().error.code).toBe('PURPOSE_UNKNOWN')
    const added = await call(t.app, {
      method: 'POST',
      url: '/api/v1/purposes',
      cookie: secadmin,
      payload: {
        code: 'aml_review',
        nameZh: '反洗钱复核',
        nameEn: 'AML review',
        legalBasis: 'legal_obligation',
        descriptionZh: '反洗钱可疑交易复核。',
        descriptionEn: 'Review of a suspicious transaction.',
      },
    })
    // A purpose resting on a legal obligation reaches every customer: it waits for compliance (ACC-5).
    expect(added.statusCode, added.body).toBe(202)
    const compliance = await signInAs(t.app, await createStaff(t.deps, ['compliance']))
    const approved = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${added.json().id}/approve`,
      cookie: compliance,
      payload: {},
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const allowed = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${id}/reveal`,
      cookie: manager,
      payload: { fields: ['mobile'], purpose: 'aml_review' },
    })
    expect(allowed.json().values).toEqual({ mobile: '13500000002' })
    expect(
      (await call(t.app, { method: 'POST', url: '/api/v1/purposes', cookie: manager, payload: {} }))
        .statusCode,
    ).toBe(403)
  })
})
