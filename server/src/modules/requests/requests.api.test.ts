import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import {
  createDepartment,
  createStaff,
  publishPrivacyNotice,
  signedIn,
  signInAs,
} from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { evaluateAllAlerts } from '../../audit/alerts/evaluate-alerts.js'
import { sealAll } from '../../audit/sealer.js'
import { DAY } from '../../platform/clock.js'
import { flagDeadlines } from './request-deadlines.js'

let t: TestApp
let manager: string
let compliance: string
let complianceId: string
let officer: Awaited<ReturnType<typeof createStaff>>
let customer: string
let other: string
const OTHER = {
  name: '钱二',
  idNumber: '110101199003078515',
  mobile: '13700000002',
  email: 'qian.er@example.com',
}

beforeAll(async () => {
  t = await createTestApp()
  // Consents rest on a published notice (CON-1).
  await publishPrivacyNotice(t.app, t.deps)
  const dept = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', dept)
  officer = await createStaff(t.deps, ['compliance'])
  complianceId = officer.id
  compliance = await signInAs(t.app, officer)
  customer = await createCustomerAs(t.app, manager, individual())
  other = await createCustomerAs(
    t.app,
    manager,
    individual({
      ...OTHER,
      bankCards: ['6222020000000000009'],
      bankAccounts: [],
      investments: '无',
    }),
  )
})

const post = (url: string, payload: Record<string, unknown>, cookie = compliance) =>
  call(t.app, { method: 'POST', url: `/api/v1${url}`, cookie, payload })
const get = (url: string, cookie = compliance) =>
  call(t.app, { method: 'GET', url: `/api/v1${url}`, cookie })

async function fileRequest(type: string, extra: Record<string, unknown> = {}, id = customer) {
  const response = await post('/requests', { customerId: id, type, ...extra })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; dueDay: string; status: string }
}

async function verified(requestId: string) {
  const response = await post(`/requests/${requestId}/verify-identity`, {
    method: 'id_document',
    note: '核对身份证原件',
  })
  expect(response.statusCode, response.body).toBe(200)
}

describe('customer requests (DSR-1, DSR-2)', () => {
  it('takes in a request with a due date 15 working days on, and fulfils it only after identity is verified', async () => {
    // The test clock stands at Monday 2026-01-05 09:00 in Beijing; 15 working days on is Monday 26 January.
    const request = await fileRequest('access', {
      details: '客户要求获取其个人信息副本',
      channel: 'counter',
    })
    expect(request).toMatchObject({ status: 'received', dueDay: '2026-01-26' })
    const early = await post(`/requests/${request.id}/fulfil`, {})
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('IDENTITY_NOT_VERIFIED')
    await post(`/requests/${request.id}/assign`, { assigneeId: complianceId })
    await verified(request.id)
    const done = await post(`/requests/${request.id}/fulfil`, {})
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ status: 'completed', exportFormats: ['json', 'html'] })
    expect(done.json().events.map((e: { action: string }) => e.action)).toEqual([
      'received',
      'assigned',
      'identity_verified',
      'fulfilled',
    ])
    // The verifier's note is shown with the request, and the queue names the customer masked (issue 14 item 10).
    expect(done.json().identity).toMatchObject({ method: 'id_document', note: '核对身份证原件' })
    const queued = (await get('/requests'))
      .json()
      .items.find((r: { id: string }) => r.id === request.id)
    expect(queued).toMatchObject({
      customerId: customer,
      customerName: '甄***',
      identity: { note: null },
    })
    // Free texts stay sealed in the database.
    const stored = await t.deps.db.selectFrom('data_requests').select('sealed').execute()
    expect(JSON.stringify(stored)).not.toContain('个人信息副本')
    expect(JSON.stringify(stored)).not.toContain('身份证原件')
  })

  it('puts one request.viewed on the trail per reading, none for filing it or taking a step (AUD-1, issue 14 item 11)', async () => {
    const viewed = async () =>
      (
        await t.deps.db
          .selectFrom('audit_events')
          .select('details')
          .where('action', '=', 'request.viewed')
          .execute()
      ).filter((e) => JSON.stringify(e.details).includes(request.id)).length
    const request = await fileRequest('access', { channel: 'counter' })
    await post(`/requests/${request.id}/assign`, { assigneeId: complianceId })
    await verified(request.id)
    expect(await viewed()).toBe(0)
    expect((await get(`/requests/${request.id}`)).statusCode).toBe(200)
    expect(await viewed()).toBe(1)
  })

  it('exports everything held about the customer, and nothing of any other customer', async () => {
    await post(
      `/customers/${customer}/consents`,
      {
        purpose: 'marketing_sms',
        granted: true,
        channel: 'paper',
        evidence: '同意书 A-0002',
      },
      manager,
    )
    await post(
      `/customers/${other}/consents`,
      {
        purpose: 'marketing_email',
        granted: true,
        channel: 'web',
        evidence: '网页勾选 B-0009',
      },
      manager,
    )
    await post(
      `/customers/${customer}/reveal`,
      { fields: ['idNumber'], purpose: 'service' },
      manager,
    )
    const request = await fileRequest('access')
    await verified(request.id)
    await post(`/requests/${request.id}/fulfil`, {})

    const json = await get(`/requests/${request.id}/export?format=json`)
    expect(json.statusCode).toBe(200)
    expect(json.headers['content-disposition']).toContain('attachment')
    const data = json.json()
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining([
        'customer',
        'consents',
        'requests',
        'interactions',
        'disclosures',
        'accessSummary',
      ]),
    )
    const fields = Object.fromEntries(
      data.customer.fields.map((f: { field: string; value: unknown }) => [f.field, f.value]),
    )
    expect(fields).toMatchObject({
      name: CANARY.name,
      idNumber: CANARY.idNumber,
      mobile: CANARY.mobile,
      bankCards: [...CANARY.bankCards],
      grade: 'important',
    })
    expect(data.consents[0]).toMatchObject({
      purpose: 'marketing_sms',
      granted: true,
      evidence: '同意书 A-0002',
    })
    expect(data.requests.length).toBeGreaterThanOrEqual(2)
    expect(data.accessSummary).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'customer.revealed', purpose: 'service' }),
      ]),
    )
    for (const foreign of [
      OTHER.name,
      OTHER.idNumber,
      OTHER.mobile,
      OTHER.email,
      'B-0009',
      other,
    ]) {
      expect(json.body).not.toContain(foreign)
    }

    const html = await get(`/requests/${request.id}/export?format=html&lang=zh-CN`)
    expect(html.headers['content-type']).toContain('text/html')
    expect(html.body).toContain('个人信息副本')
    expect(html.body).toContain(CANARY.idNumber)
    expect(html.body).not.toContain(OTHER.idNumber)
    // A CSV is for portability, not for an access request.
    expect((await get(`/requests/${request.id}/export?format=csv`)).statusCode).toBe(409)
    const exported = await t.deps.db
      .selectFrom('audit_events')
      .select(['fields', 'details'])
      .where('action', '=', 'request.exported')
      .execute()
    expect(exported).toHaveLength(2)
    expect(JSON.stringify(exported)).not.toContain(CANARY.idNumber)
  })

  it('gives portability as JSON and CSV', async () => {
    const request = await fileRequest('portability')
    await verified(request.id)
    await post(`/requests/${request.id}/fulfil`, {})
    const csv = await get(`/requests/${request.id}/export?format=csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain(`mobile,${CANARY.mobile}`)
  })

  it('rejects a refusal without a reason, and keeps a stated one sealed', async () => {
    const request = await fileRequest('delete', {}, other)
    for (const body of [{}, { reason: '' }, { reason: '  ' }]) {
      const refused = await post(`/requests/${request.id}/refuse`, body)
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error.fields.reason).toBeTruthy()
    }
    expect((await get(`/requests/${request.id}`)).json().status).toBe('received')
    const refused = await post(`/requests/${request.id}/refuse`, {
      reason: '依法须保存的交易记录，保存期限未届满',
    })
    expect(refused.json()).toMatchObject({
      status: 'refused',
      refusalReason: '依法须保存的交易记录，保存期限未届满',
    })
    expect((await post(`/requests/${request.id}/fulfil`, {})).json().error.code).toBe(
      'REQUEST_CLOSED',
    )
  })

  it('corrects through the ordinary audited update, and withdraws consent at once', async () => {
    const correct = await fileRequest('correct', { details: '手机号码已更换' }, other)
    await verified(correct.id)
    expect(
      (await post(`/requests/${correct.id}/fulfil`, {})).json().error.fields.changes,
    ).toBeTruthy()
    const fixed = await post(`/requests/${correct.id}/fulfil`, {
      changes: { mobile: '13700000099' },
    })
    expect(fixed.json().status).toBe('completed')
    const updated = await t.deps.db
      .selectFrom('audit_events')
      .select('fields')
      .where('action', '=', 'customer.updated')
      .where('target_id', '=', other)
      .executeTakeFirstOrThrow()
    expect(updated.fields).toEqual(['mobile'])

    const withdraw = await fileRequest('withdraw', { purposes: ['marketing_email'] }, other)
    await verified(withdraw.id)
    await post(`/requests/${withdraw.id}/fulfil`, {})
    const list = await get('/customers?marketing=email', manager)
    expect(list.json().items).toEqual([])
    expect((await post('/requests', { customerId: other, type: 'withdraw' })).statusCode).toBe(400)
  })

  it('restricts a customer: refused for every use but storage (PIPL Art. 47)', async () => {
    const restrict = await fileRequest('restrict')
    await verified(restrict.id)
    await post(`/requests/${restrict.id}/fulfil`, {})
    for (const purpose of ['service', 'legal', 'marketing_sms']) {
      const reveal = await post(
        `/customers/${customer}/reveal`,
        { fields: ['mobile'], purpose },
        manager,
      )
      expect(reveal.statusCode).toBe(403)
      expect(reveal.json().error.code).toBe('CUSTOMER_RESTRICTED')
    }
    const change = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${customer}`,
      cookie: manager,
      payload: { grade: 'general' },
    })
    expect(change.json().error.code).toBe('CUSTOMER_RESTRICTED')
    expect((await get('/customers?marketing=sms', manager)).json().items).toEqual([])
    // Stored and protected: still there, masked, with its status.
    const stored = await get(`/customers/${customer}`, manager)
    expect(stored.json()).toMatchObject({ status: 'restricted', mobile: '139****5678' })
  })

  it('hands a deletion to destruction, restricting the customer meanwhile', async () => {
    const request = await fileRequest('delete', {}, other)
    await verified(request.id)
    const handed = await post(`/requests/${request.id}/fulfil`, {})
    expect(handed.json().status).toBe('awaiting_destruction')
    expect((await get(`/customers/${other}`, manager)).json().status).toBe('restricted')
  })

  it('warns when 5 working days remain and raises an alert once overdue (injected clock)', async () => {
    const request = await fileRequest('access')
    expect(request.dueDay).toBe('2026-01-26')
    const timeZone = t.deps.config.timeZone
    expect(await flagDeadlines(t.deps.db, t.clock.now(), timeZone)).toEqual({
      dueSoon: 0,
      overdue: 0,
    })
    // Monday 19 January: 20–23 and 26 January remain, 5 working days after today.
    t.clock.advance(14 * DAY)
    expect((await flagDeadlines(t.deps.db, t.clock.now(), timeZone)).dueSoon).toBe(0)
    t.clock.advance(1 * DAY)
    expect(
      (await flagDeadlines(t.deps.db, t.clock.now(), timeZone)).dueSoon,
    ).toBeGreaterThanOrEqual(1)
    // Sessions end long before deadlines: sign in again at the new time.
    compliance = await signInAs(t.app, officer)
    expect((await get(`/requests/${request.id}`)).json()).toMatchObject({
      urgency: 'due_soon',
      workingDaysLeft: 4,
    })
    t.clock.advance(7 * DAY)
    expect(
      (await flagDeadlines(t.deps.db, t.clock.now(), timeZone)).overdue,
    ).toBeGreaterThanOrEqual(1)
    compliance = await signInAs(t.app, officer)
    expect((await get(`/requests/${request.id}`)).json().urgency).toBe('overdue')
    // Flagged once only.
    expect(await flagDeadlines(t.deps.db, t.clock.now(), timeZone)).toEqual({
      dueSoon: 0,
      overdue: 0,
    })
    await sealAll(t.deps.db, t.deps.auditSigner, t.clock)
    await evaluateAllAlerts(t.deps.db)
    const alerts = await t.deps.db.selectFrom('alerts').select(['rule', 'subject']).execute()
    expect(alerts).toEqual(
      expect.arrayContaining([{ rule: 'request_overdue', subject: `customer:${customer}` }]),
    )
  })
})
