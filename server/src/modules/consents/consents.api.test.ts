import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

let t: TestApp
let agent: string
let manager: string
let compliance: string
let customer: string
let other: string

beforeAll(async () => {
  t = await createTestApp()
  // Consents rest on a published notice (CON-1); version 1.
  await publishPrivacyNotice(t.app, t.deps)
  const dept = await createDepartment(t.deps, '零售业务部')
  agent = await signedIn(t.app, t.deps, 'agent', dept)
  manager = await signedIn(t.app, t.deps, 'manager', dept)
  compliance = await signedIn(t.app, t.deps, 'compliance')
  customer = await createCustomerAs(t.app, manager, individual())
  other = await createCustomerAs(
    t.app,
    manager,
    individual({ name: '钱二', idNumber: '110101199003078515', mobile: '13700000002' }),
  )
})

const consent = (id: string, body: Record<string, unknown>, cookie = agent) =>
  call(t.app, { method: 'POST', url: `/api/v1/customers/${id}/consents`, cookie, payload: body })
const reveal = (id: string, fields: string[], purpose: string, cookie = agent) =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${id}/reveal`,
    cookie,
    payload: { fields, purpose },
  })
const marketingList = async (channel: string) =>
  (
    await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers?marketing=${channel}`,
      cookie: agent,
    })
  ).json().items as { id: string }[]

describe('consent enforcement (CON-2, CON-3, ACC-2)', () => {
  it('refuses a reveal for marketing without consent, allows it with, refuses it after withdrawal', async () => {
    const before = await reveal(customer, ['mobile'], 'marketing_sms')
    expect(before.statusCode).toBe(403)
    expect(before.json().error.code).toBe('CONSENT_REQUIRED')

    const granted = await consent(customer, {
      purpose: 'marketing_sms',
      granted: true,
      channel: 'paper',
      evidence: '同意书编号 A-0001',
    })
    expect(granted.statusCode).toBe(201)
    expect((await reveal(customer, ['mobile'], 'marketing_sms')).statusCode).toBe(200)

    const withdrawn = await consent(customer, {
      purpose: 'marketing_sms',
      granted: false,
      channel: 'phone',
    })
    expect(withdrawn.statusCode).toBe(201)
    const after = await reveal(customer, ['mobile'], 'marketing_sms')
    expect(after.statusCode).toBe(403)
    expect(after.json().error.code).toBe('CONSENT_REQUIRED')

    // Each refusal is on the record with its reason.
    const reasons = await t.deps.db
      .selectFrom('audit_events')
      .select('reason')
      .where('action', '=', 'customer.revealed')
      .where('target_id', '=', customer)
      .where('outcome', '=', 'denied')
      .orderBy('id')
      .execute()
    expect(reasons.map((r) => r.reason)).toEqual(['no_consent', 'consent_withdrawn'])
  })

  it('asks the separate consent for sensitive fields on top of the purpose’s (PIPL Art. 29)', async () => {
    await consent(customer, {
      purpose: 'third_party',
      granted: true,
      channel: 'counter',
      recipient: '某保险股份有限公司',
    })
    expect((await reveal(customer, ['mobile'], 'third_party')).statusCode).toBe(200)
    const sensitive = await reveal(customer, ['idNumber'], 'third_party')
    expect(sensitive.statusCode).toBe(403)
    expect(sensitive.json().error.code).toBe('SENSITIVE_CONSENT_REQUIRED')
    await consent(customer, { purpose: 'sensitive_processing', granted: true, channel: 'counter' })
    expect((await reveal(customer, ['idNumber'], 'third_party')).statusCode).toBe(200)
    // A contract needs no consent.
    expect((await reveal(other, ['idNumber'], 'service')).statusCode).toBe(200)
  })

  it('keeps each purpose to its fields: marketing by phone reaches a phone number, not an ID number (ACC-2)', async () => {
    await consent(customer, { purpose: 'marketing_phone', granted: true, channel: 'counter' })
    expect((await reveal(customer, ['name', 'mobile'], 'marketing_phone')).statusCode).toBe(200)
    const beyond = await reveal(customer, ['mobile', 'idNumber'], 'marketing_phone')
    expect(beyond.statusCode).toBe(403)
    expect(beyond.json().error).toMatchObject({
      code: 'PURPOSE_SCOPE_EXCEEDED',
      fields: { idNumber: expect.any(String) },
    })
    expect(beyond.json().error.fields.mobile).toBeUndefined()
    // Complaint handling reaches level 2 at most: not a bank card.
    const complaint = await reveal(customer, ['bankCards'], 'complaint', manager)
    expect(complaint.json().error.code).toBe('PURPOSE_SCOPE_EXCEEDED')
  })

  it('keeps a marketing list to the customers whose consent covers that channel', async () => {
    await consent(other, { purpose: 'marketing_email', granted: true, channel: 'web' })
    expect((await marketingList('email')).map((c) => c.id)).toEqual([other])
    // `customer` withdrew SMS consent above; `other` never gave it.
    expect(await marketingList('sms')).toEqual([])
    expect((await marketingList('phone')).map((c) => c.id)).toEqual([customer])
    await consent(other, { purpose: 'marketing_email', granted: false, channel: 'web' })
    expect(await marketingList('email')).toEqual([])
  })

  it('needs a guardian for a customer under 14, and a recipient for provision to others', async () => {
    // Born 2015-06-01: 11 years old on the test clock.
    const child = await createCustomerAs(
      t.app,
      manager,
      individual({ name: '孙小', idNumber: '110101201506010010', mobile: '13700000003' }),
    )
    const alone = await consent(child, {
      purpose: 'marketing_sms',
      granted: true,
      channel: 'paper',
    })
    expect(alone.statusCode).toBe(422)
    expect(alone.json().error.code).toBe('GUARDIAN_CONSENT_REQUIRED')
    const byGuardian = await consent(child, {
      purpose: 'marketing_sms',
      granted: true,
      channel: 'paper',
      guardian: { name: '孙大', relation: '父亲' },
    })
    expect(byGuardian.statusCode).toBe(201)

    const noRecipient = await consent(customer, {
      purpose: 'cross_border',
      granted: true,
      channel: 'paper',
    })
    expect(noRecipient.json().error.code).toBe('RECIPIENT_REQUIRED')
    const named = await consent(customer, {
      purpose: 'cross_border',
      granted: true,
      channel: 'paper',
      recipient: 'Example Insurance Ltd. (Hong Kong)',
    })
    expect(named.statusCode).toBe(201)
    // Only consent-based purposes take a consent.
    expect(
      (await consent(customer, { purpose: 'service', granted: true, channel: 'paper' })).statusCode,
    ).toBe(400)
  })

  it('lists the standing decisions and the ledger, keeps evidence sealed, and refuses changes to the ledger', async () => {
    const listed = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customer}/consents`,
      cookie: agent,
    })
    expect(listed.statusCode).toBe(200)
    const { states, history } = listed.json()
    expect(states.find((s: { purpose: string }) => s.purpose === 'marketing_sms').granted).toBe(
      false,
    )
    expect(history[history.length - 1]).toMatchObject({
      purpose: 'marketing_sms',
      granted: true,
      hasEvidence: true,
    })
    expect(listed.body).not.toContain('A-0001')
    const stored = await t.deps.db.selectFrom('consents').select('sealed').execute()
    expect(JSON.stringify(stored)).not.toContain('A-0001')
    await expect(sql`update consents set granted = true`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from consents`.execute(t.deps.db)).rejects.toThrow(/append-only/)
  })

  it('publishes notices as new versions and records the version a grant rests on (CON-1)', async () => {
    const section = {
      title: '隐私政策',
      purposes: '客户服务、营销',
      scope: '姓名、手机号码',
      method: '电子方式',
      retention: '业务关系存续期间及其后五年',
      recipients: '无',
    }
    const publish = () =>
      call(t.app, {
        method: 'POST',
        url: '/api/v1/notices',
        cookie: compliance,
        payload: {
          purposes: ['service', 'marketing_sms'],
          content: { 'zh-CN': section, en: { ...section, title: 'Privacy notice' } },
        },
      })
    // Version 1 was published before the first consent of this file.
    expect((await publish()).json().version).toBe(2)
    expect((await publish()).json().version).toBe(3)
    const notices = await call(t.app, { method: 'GET', url: '/api/v1/notices', cookie: agent })
    expect(notices.json().items.map((n: { version: number }) => n.version)).toEqual([3, 2, 1])
    const grant = await consent(other, { purpose: 'marketing_sms', granted: true, channel: 'app' })
    expect(grant.json().noticeVersion).toBe(3)
    expect(
      (
        await consent(other, {
          purpose: 'marketing_sms',
          granted: true,
          channel: 'app',
          noticeVersion: 9,
        })
      ).statusCode,
    ).toBe(404)
    // Agents may record consents but not publish notices.
    expect(
      (await call(t.app, { method: 'POST', url: '/api/v1/notices', cookie: agent, payload: {} }))
        .statusCode,
    ).toBe(403)
  })
})
