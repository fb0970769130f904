import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { withLegalFloor } from './legally-sensitive.js'

/**
 * CLS-1, CLS-4, ACC-5: one administrator cannot take the
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

  it('holds even against the catalogue table edited in the database directly', async () => {
    // The table refuses it (a constraint) …
    await expect(
      t.deps.db
        .updateTable('field_catalogue')
        .set({ sensitive: false, masking: 'none' })
        .where('field', '=', 'idNumber')
        .execute(),
    ).rejects.toThrow(/field_catalogue_legally_sensitive/)
    // … and a row read is laid under the law's list in code anyway.
    const row = { field: 'idNumber', sensitive: false, masking: 'none' as const }
    expect(withLegalFloor(row)).toEqual({
      field: 'idNumber',
      sensitive: true,
      masking: 'id-number',
    })
    expect(withLegalFloor({ ...row, field: 'income', masking: 'hidden' as const })).toMatchObject({
      sensitive: true,
      masking: 'hidden',
    })
    expect(withLegalFloor({ ...row, field: 'employer' })).toEqual({ ...row, field: 'employer' })
    expect((await agentListRow()).idNumber).toBe('440304********123X')
  })
})

describe('changes that lower protection wait for a second person of the other function (ACC-5)', () => {
  let secadmin2: string
  let compliance: string
  let compliance2: string
  beforeAll(async () => {
    secadmin2 = await signInAs(t.app, await createStaff(t.deps, ['secadmin']))
    compliance = await signInAs(t.app, await createStaff(t.deps, ['compliance']))
    compliance2 = await signInAs(t.app, await createStaff(t.deps, ['compliance']))
  })

  const decide = (cookie: string, id: string, step: 'approve' | 'reject', language = 'zh-CN') =>
    call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${id}/${step}`,
      cookie,
      headers: { 'accept-language': language },
      payload: step === 'reject' ? { note: '理由不足' } : {},
    })
  const queue = async (cookie: string) =>
    (await call(t.app, { method: 'GET', url: '/api/v1/approvals', cookie })).json().items as {
      id: string
      kind: string
      details: Record<string, unknown>
    }[]

  it('files a lower level of bank cards as pending, changes nothing, and applies it once compliance approves', async () => {
    const asked = await patch(secadmin, 'bankCards', { level: 1 })
    expect(asked.statusCode, asked.body).toBe(202)
    expect(asked.json()).toEqual({
      id: expect.any(String),
      status: 'pending_approval',
      approvalId: asked.json().id,
    })
    const id = asked.json().id
    expect(await catalogueEntry('bankCards')).toMatchObject({ level: 3 })

    // The approver sees it, with what it lowers.
    const pending = (await queue(compliance)).find((item) => item.id === id)
    expect(pending).toMatchObject({
      kind: 'catalogue_change',
      details: { field: 'bankCards', lowered: ['level'], from: ['level=3'], to: ['level=1'] },
    })

    // Not its requester, nor a second security administrator: the other function decides.
    expect((await decide(secadmin, id, 'approve')).json().error.code).toBe('APPROVAL_SECOND_PERSON')
    const sameFunction = await decide(secadmin2, id, 'approve', 'en')
    expect(sameFunction.statusCode).toBe(403)
    expect(sameFunction.json().error.code).toBe('APPROVAL_OTHER_FUNCTION')
    expect(await catalogueEntry('bankCards')).toMatchObject({ level: 3 })

    const approved = await decide(compliance, id, 'approve')
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json().status).toBe('approved')
    expect(await catalogueEntry('bankCards')).toMatchObject({
      level: 1,
      sensitive: true,
      masking: 'bank-card',
    })
    const event = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_name', 'details'])
      .where('action', '=', 'catalogue.changed')
      .where('target_id', '=', 'bankCards')
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow()
    expect(event.details).toMatchObject({ level: { from: 3, to: 1 }, approval: id })

    // Raising protection applies at once.
    const raised = await patch(secadmin, 'bankCards', { level: 3 })
    expect(raised.statusCode).toBe(200)
    expect(raised.json()).toMatchObject({ level: 3 })
  })

  it('counts weaker masking, sensitive off and a mixed change as lowering; a stale request is not applied', async () => {
    // A switch between two partial rules cannot be ranked: it waits.
    expect((await patch(secadmin, 'mobile', { masking: 'phone' })).statusCode).toBe(202)
    expect((await catalogueEntry('mobile')).masking).toBe('mobile')
    // Hiding all of it is stronger: at once.
    expect(
      (await patch(secadmin, 'employer', { sensitive: true, masking: 'text' })).statusCode,
    ).toBe(200)
    const off = await patch(compliance, 'employer', { sensitive: false })
    expect(off.statusCode).toBe(202)
    // Raising one thing while lowering another waits whole.
    const mixed = await patch(secadmin, 'occupation', { level: 2, masking: 'text' })
    expect(mixed.statusCode).toBe(200)
    const partlyLower = await patch(secadmin, 'occupation', { level: 1, labelZh: '职业信息' })
    expect(partlyLower.statusCode).toBe(202)
    expect(await catalogueEntry('occupation')).toMatchObject({ level: 2, labelZh: '职业' })

    // compliance asked, so a security administrator approves (the other way round).
    expect((await decide(compliance2, off.json().id, 'approve')).json().error.code).toBe(
      'APPROVAL_OTHER_FUNCTION',
    )
    expect((await decide(secadmin2, off.json().id, 'approve')).statusCode).toBe(200)
    expect(await catalogueEntry('employer')).toMatchObject({ sensitive: false, masking: 'text' })

    // The field changed after the request: approving what was asked no longer holds.
    expect((await patch(secadmin, 'occupation', { masking: 'hidden' })).statusCode).toBe(200)
    expect((await patch(secadmin, 'occupation', { level: 3 })).statusCode).toBe(200)
    const stale = await decide(compliance, partlyLower.json().id, 'approve')
    expect(stale.json().error.code).toBe('APPROVAL_STALE')
    // Stale, it was withdrawn (it could never be approved): nothing is left to reject.
    expect((await decide(compliance, partlyLower.json().id, 'reject')).json().error.code).toBe(
      'APPROVAL_DECIDED',
    )
    expect(await catalogueEntry('occupation')).toMatchObject({ level: 3, masking: 'hidden' })
  })
})

describe('purposes that reach further wait for a second person (ACC-2, ACC-5)', () => {
  let compliance: string
  beforeAll(async () => {
    compliance = await signInAs(t.app, await createStaff(t.deps, ['compliance']))
  })
  const purpose = (cookie: string, method: 'POST' | 'PATCH', url: string, payload: object) =>
    call(t.app, { method, url: `/api/v1/purposes${url}`, cookie, payload })
  const approve = (cookie: string, id: string) =>
    call(t.app, { method: 'POST', url: `/api/v1/approvals/${id}/approve`, cookie, payload: {} })
  const purposes = async () =>
    Object.fromEntries(
      (await call(t.app, { method: 'GET', url: '/api/v1/purposes', cookie: agent }))
        .json()
        .items.map((p: { code: string }) => [p.code, p]),
    )
  const newPurpose = (code: string, legalBasis: string) => ({
    code,
    nameZh: '反洗钱复核',
    nameEn: 'AML review',
    legalBasis,
    descriptionZh: '反洗钱可疑交易复核。',
    descriptionEn: 'Review of a suspicious transaction.',
  })

  it('files a new purpose resting on a legal obligation as pending; a consent-based one applies at once', async () => {
    const asked = await purpose(secadmin, 'POST', '', newPurpose('aml_review', 'legal_obligation'))
    expect(asked.statusCode, asked.body).toBe(202)
    expect(asked.json().status).toBe('pending_approval')
    expect(
      (await purpose(secadmin, 'POST', '', newPurpose('aml_review', 'contract'))).statusCode,
    ).toBe(202)
    expect((await purpose(secadmin, 'POST', '', newPurpose('survey', 'consent'))).statusCode).toBe(
      201,
    )
    expect((await purposes()).aml_review).toBeUndefined()
    const refused = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${customer}/reveal`,
      cookie: manager,
      payload: { fields: ['mobile'], purpose: 'aml_review' },
    })
    expect(refused.json().error.code).toBe('PURPOSE_UNKNOWN')

    // The newer request replaced the first: approving it creates the contract-based purpose.
    const latest = (
      await call(t.app, { method: 'GET', url: '/api/v1/approvals', cookie: compliance })
    )
      .json()
      .items.find((i: { kind: string; subject: { id: string } }) => i.subject.id === 'aml_review')
    expect(latest.details).toMatchObject({ action: 'create', widened: ['legalBasis'] })
    expect((await approve(compliance, latest.id)).statusCode).toBe(200)
    expect((await purposes()).aml_review).toMatchObject({ legalBasis: 'contract' })
  })

  it('files a wider reach, a basis without consent, a comeback and new terms as pending; narrowing applies at once', async () => {
    const pending = [
      ['marketing_sms', { fields: ['name', 'mobile', 'idNumber'] }],
      ['marketing_sms', { maxLevel: 3 }],
      ['marketing', { legalBasis: 'contract' }],
      ['legal', { descriptionZh: '依法配合监管、司法机关的要求以及营销活动。' }],
    ] as const
    for (const [code, change] of pending) {
      const response = await purpose(secadmin, 'PATCH', `/${code}`, change)
      expect(response.statusCode, `${code} ${JSON.stringify(change)}`).toBe(202)
    }
    expect((await purposes()).marketing_sms).toMatchObject({
      maxLevel: 1,
      fields: ['name', 'mobile'],
    })
    expect((await purposes()).marketing.legalBasis).toBe('consent')

    expect(
      (await purpose(secadmin, 'PATCH', '/marketing_sms', { fields: ['mobile'] })).statusCode,
    ).toBe(200)
    expect((await purpose(secadmin, 'PATCH', '/risk', { active: false })).statusCode).toBe(200)
    const back = await purpose(secadmin, 'PATCH', '/risk', { active: true })
    expect(back.statusCode).toBe(202)
    expect((await purposes()).risk.active).toBe(false)
    expect((await approve(compliance, back.json().id)).statusCode).toBe(200)
    expect((await purposes()).risk.active).toBe(true)
  })
})
