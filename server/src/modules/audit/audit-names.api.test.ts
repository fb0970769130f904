import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual, organization } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * Issue 14 item 1 (AUD-4, UI-1): the trail names what its codes stand for —
 * the actor's display name, the customer's masked name, the fields'
 * catalogue labels, the purpose's name — in both languages in the API and
 * in the language asked for in the export, beside the codes, which stay.
 */
let t: TestApp
let auditor: string
let managerId: string
let person: string
let company: string
let departmentId: string

beforeAll(async () => {
  t = await createTestApp()
  auditor = await signInAs(t.app, await createStaff(t.deps, ['auditor']))
  departmentId = await createDepartment(t.deps, '零售业务部')
  const manager = await createStaff(t.deps, ['manager'], { departmentId })
  managerId = manager.id
  await t.deps.db
    .updateTable('accounts')
    .set({ display_name: '李经理' })
    .where('id', '=', manager.id)
    .execute()
  const cookie = await signInAs(t.app, manager)
  person = await createCustomerAs(t.app, cookie, individual({ name: '孙小明' }))
  company = await createCustomerAs(t.app, cookie, organization())
  // Refused (no consent to marketing): the event still names its fields and purpose.
  await call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${person}/reveal`,
    cookie,
    payload: { fields: ['mobile'], purpose: 'marketing_sms' },
  })
})

type Named = { zh: string; en: string }
type Event = {
  action: string
  actor: { name: string; displayName: string | null }
  target: { type: string; id: string; name: Named | null } | null
  fields: string[]
  fieldNames: (Named | null)[]
  purpose: string | null
  purposeName: Named | null
}

const eventsAbout = async (customerId: string): Promise<Event[]> => {
  const response = await call(t.app, {
    url: `/api/v1/audit/events?customerId=${customerId}`,
    cookie: auditor,
  })
  expect(response.statusCode).toBe(200)
  expect(response.body).not.toContain('孙小明')
  return response.json().items
}

describe('the trail by name (issue 14 item 1, AUD-4)', () => {
  it('names the actor, the masked customer, the fields and the purpose beside their codes', async () => {
    const events = await eventsAbout(person)
    const reveal = events.find((e) => e.action === 'customer.revealed')
    expect(reveal).toMatchObject({
      actor: { displayName: '李经理' },
      target: { type: 'customer', id: person, name: { zh: '孙**', en: '孙**' } },
      fields: ['mobile'],
      fieldNames: [{ zh: '手机号码', en: 'Mobile' }],
      purpose: 'marketing_sms',
      purposeName: { zh: '短信营销', en: 'Marketing by SMS' },
    })
    expect(reveal?.actor.name).not.toBe('李经理')
    const created = events.find((e) => e.action === 'customer.created')
    expect(created?.fieldNames).toContainEqual({ zh: '证件号码', en: 'ID number' })
    expect(created?.fieldNames.every((name) => name !== null)).toBe(true)
  })

  it('masks an organisation’s name by the organisation rule', async () => {
    const [created] = await eventsAbout(company)
    const name = created?.target?.name?.zh ?? ''
    expect(name).not.toBe('')
    expect(name).not.toContain('信息技术有限')
    expect(name).toContain('*')
  })

  it('names an account and a department by their names, and leaves their own attributes to the console', async () => {
    const admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
    await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/departments/${departmentId}`,
      cookie: admin,
      payload: { name: '零售二部' },
    })
    await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${managerId}`,
      cookie: admin,
      payload: { displayName: '李主任' },
    })
    const all: Event[] = (
      await call(t.app, { url: '/api/v1/audit/events?limit=500', cookie: auditor })
    ).json().items
    const renamed = all.find((e) => e.action === 'department.updated')
    expect(renamed?.target?.name).toEqual({ zh: '零售二部', en: '零售二部' })
    expect(renamed?.fieldNames).toEqual([null])
    const account = all.find((e) => e.action === 'account.updated')
    expect(account?.target).toMatchObject({ id: managerId, name: { zh: '李主任' } })
    expect(account?.fieldNames.every((name) => name === null)).toBe(true)
  })

  it('exports the names in the language asked for, after the codes, which stay as they were', async () => {
    const json = await call(t.app, {
      url: `/api/v1/audit/events/export?format=json&customerId=${person}&language=en`,
      cookie: auditor,
    })
    expect(json.body).not.toContain('孙小明')
    const document = JSON.parse(json.body)
    expect(document).toMatchObject({ format: 'custodia-audit-events/v1', language: 'en' })
    expect(document.filters).toEqual({ customerId: person })
    const reveal = document.items.find((e: Event) => e.action === 'customer.revealed')
    expect(reveal).toMatchObject({
      action: 'customer.revealed',
      actionName: 'Plain values revealed',
      actor: { type: 'account', id: managerId },
      actorDisplayName: expect.any(String),
      target: { type: 'customer', id: person },
      targetName: '孙**',
      fields: ['mobile'],
      fieldNames: ['Mobile'],
      purpose: 'marketing_sms',
      purposeName: 'Marketing by SMS',
      outcome: 'denied',
      outcomeName: 'denied',
      reason: 'no_consent',
      reasonName: 'No consent',
    })
    // The canonical text is what it always was: the names are not in it.
    expect(reveal.canonical).not.toContain('Marketing by SMS')
    expect(JSON.parse(reveal.canonical)[10]).toBe('marketing_sms')

    const csv = await call(t.app, {
      url: `/api/v1/audit/events/export?format=csv&customerId=${person}`,
      cookie: auditor,
      headers: { 'accept-language': 'zh-CN' },
    })
    const [header = '', ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(header).toBe(
      'id,seq,occurredAt,actorType,actorId,actorName,action,targetType,targetId,fields,purpose,outcome,reason,requestId,sourceIp,userAgent,details,canonical,actionName,actorDisplayName,targetName,fieldNames,purposeName,outcomeName,reasonName',
    )
    const revealLine = lines.find((line) => line.includes(',customer.revealed,'))
    expect(revealLine).toContain(',查看明文,')
    expect(revealLine).toContain(',孙**,')
    expect(revealLine).toContain(',短信营销,拒绝,客户未同意')
    expect(csv.body).not.toContain('孙小明')
  })
})
