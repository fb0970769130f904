import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY, createCustomerAs, findCanary } from '../../../test/customer-fixtures.js'
import {
  createDepartment,
  createStaff,
  publishPrivacyNotice,
  type Staff,
  signInAs,
} from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { feedbackData } from './feedback.customer-data.js'

/**
 * Issue 17 §4 (CUS-7, CON-3), feedback through the HTTP API: forms built
 * from typed fields and versioned, surveys inviting only the customers whose
 * consent covers the channel now, responses recorded against a customer in
 * scope (scores plain, every other answer sealed), the response rate and
 * averages as computed by hand, improvement items with an owner, a due day
 * and a status. Bad input and out-of-scope callers change nothing.
 */
let t: TestApp
let admin: Staff
let sales: Staff
let otherSales: Staff
let departmentId: string

const FIELDS = [
  { key: 'service', kind: 'scale', label: '服务满意度', required: true },
  { key: 'environment', kind: 'scale', label: '环境满意度' },
  { key: 'channel', kind: 'choice', label: '了解渠道', options: ['朋友介绍', '广告', '其他'] },
  { key: 'suggestion', kind: 'text', label: '对消费环境的意见和建议' },
  { key: 'visit_on', kind: 'date', label: '到访日期' },
]

async function send(
  staff: Staff,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
) {
  return call(t.app, {
    method,
    url: `/api/v1${url}`,
    cookie: await signInAs(t.app, staff),
    ...(payload && { payload }),
  })
}

let entered = 0
async function customerOf(owner: Staff, grade: 'important' | 'general' = 'general') {
  entered += 1
  return createCustomerAs(t.app, await signInAs(t.app, owner), {
    kind: 'individual',
    name: CANARY.name,
    mobile: `1391234${String(entered).padStart(4, '0')}`,
    grade,
    source: 'visit',
  })
}

async function consent(customerId: string, purpose: string, granted: boolean, by = sales) {
  const answer = await send(by, 'POST', `/customers/${customerId}/consents`, {
    purpose,
    granted,
    channel: 'paper',
  })
  expect(answer.statusCode, answer.body).toBe(201)
}

async function form(
  body: object = { name: '一般客户信息反馈表', grade: 'general', fields: FIELDS },
) {
  const answer = await send(admin, 'POST', '/feedback-forms', body)
  expect(answer.statusCode, answer.body).toBe(201)
  return answer.json()
}

const rowCount = async (table: 'feedback_forms' | 'feedback_responses' | 'feedback_surveys') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' })
  await publishPrivacyNotice(t.app, t.deps)
  departmentId = await createDepartment(t.deps, '销售一部')
  admin = await createStaff(t.deps, ['sysadmin'])
  sales = await createStaff(t.deps, ['sales'], { departmentId })
  otherSales = await createStaff(t.deps, ['sales'], {
    departmentId: await createDepartment(t.deps, '销售二部'),
  })
})

describe('feedback forms (CUS-7)', () => {
  it('builds a form from typed fields; a revision is a new version and the old one is kept', async () => {
    const v1 = await form()
    expect(v1).toMatchObject({ version: 1, status: 'current', grade: 'general' })
    const revised = await send(admin, 'PUT', `/feedback-forms/${v1.id}`, {
      name: '一般客户信息反馈表',
      grade: 'general',
      fields: [...FIELDS, { key: 'budget', kind: 'text', label: '消费意愿' }],
    })
    expect(revised.statusCode, revised.body).toBe(201)
    const v2 = revised.json()
    expect(v2).toMatchObject({ version: 2, seriesId: v1.seriesId, status: 'current' })
    expect(v2.id).not.toBe(v1.id)
    const old = (await send(sales, 'GET', `/feedback-forms/${v1.id}`)).json()
    expect(old).toMatchObject({ version: 1, status: 'superseded' })
    expect(old.fields).toHaveLength(FIELDS.length)
    // Revising the superseded version would fork the form: refused, nothing stored.
    const before = await rowCount('feedback_forms')
    const fork = await send(admin, 'PUT', `/feedback-forms/${v1.id}`, {
      name: 'x',
      fields: FIELDS,
    })
    expect(fork.statusCode).toBe(409)
    expect(fork.json().error.code).toBe('FEEDBACK_FORM_SUPERSEDED')
    expect(await rowCount('feedback_forms')).toBe(before)
    const current = (await send(sales, 'GET', '/feedback-forms')).json().items
    expect(current.map((f: { id: string }) => f.id)).toContain(v2.id)
    expect(current.map((f: { id: string }) => f.id)).not.toContain(v1.id)
  })

  it('refuses a malformed form with field messages in the caller’s language, and a builder without settings.manage', async () => {
    const before = await rowCount('feedback_forms')
    const bad = await call(t.app, {
      method: 'POST',
      url: '/api/v1/feedback-forms',
      cookie: await signInAs(t.app, admin),
      headers: { 'accept-language': 'en' },
      payload: {
        name: '表',
        fields: [
          { key: 'q', kind: 'choice', label: '无选项' },
          { key: 'q', kind: 'scale', label: '重复' },
        ],
      },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    expect(bad.json().error.message).toMatch(/[a-z]/i)
    const denied = await send(sales, 'POST', '/feedback-forms', { name: '表', fields: FIELDS })
    expect(denied.statusCode).toBe(403)
    expect(await rowCount('feedback_forms')).toBe(before)
  })
})

describe('satisfaction surveys (CUS-7, CON-3)', () => {
  it('invites only customers whose consent covers the channel now; response rate and averages as by hand', async () => {
    const f = await form({ name: '满意度调查表', fields: FIELDS })
    const granted1 = await customerOf(sales)
    const granted2 = await customerOf(sales)
    const granted3 = await customerOf(sales)
    const never = await customerOf(sales)
    const withdrawn = await customerOf(sales)
    const emailOnly = await customerOf(sales)
    const elsewhere = await customerOf(otherSales)
    for (const c of [granted1, granted2, granted3, withdrawn]) {
      await consent(c, 'marketing_sms', true)
    }
    await consent(elsewhere, 'marketing_sms', true, otherSales)
    await consent(withdrawn, 'marketing_sms', false)
    await consent(emailOnly, 'marketing_email', true)
    const created = await send(sales, 'POST', '/feedback-surveys', {
      name: '2026 年第四季度满意度调查',
      formId: f.id,
      channel: 'sms',
      selection: {
        customerIds: [granted1, granted2, granted3, never, withdrawn, emailOnly, elsewhere],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const survey = created.json()
    expect(survey).toMatchObject({
      invited: 3,
      responded: 0,
      responseRate: 0,
      // Another department's customer is out of scope: counted as not found, never named.
      excluded: {
        no_consent: 2,
        consent_withdrawn: 1,
        not_active: 0,
        other_grade: 0,
        not_found: 1,
      },
    })
    expect(survey.invitees.map((i: { customerId: string }) => i.customerId).sort()).toEqual(
      [granted1, granted2, granted3].sort(),
    )
    expect(JSON.stringify(survey)).not.toContain(CANARY.name)

    // An uninvited customer cannot answer the survey.
    const uninvited = await send(sales, 'POST', `/customers/${never}/feedback`, {
      formId: f.id,
      surveyId: survey.id,
      answers: { service: 5 },
    })
    expect(uninvited.statusCode).toBe(422)
    expect(uninvited.json().error.code).toBe('FEEDBACK_NOT_INVITED')

    // Two of three answer: service 5 and 2 (average 3.5), environment 4 only (4).
    for (const [customer, answers] of [
      [granted1, { service: 5, environment: 4, suggestion: `${CANARY.name}：停车位太少` }],
      [granted2, { service: 2, channel: '广告' }],
    ] as const) {
      const answered = await send(sales, 'POST', `/customers/${customer}/feedback`, {
        formId: f.id,
        surveyId: survey.id,
        answers,
      })
      expect(answered.statusCode, answered.body).toBe(201)
    }
    // One answer per invited customer: a second would count twice in the averages.
    const again = await send(sales, 'POST', `/customers/${granted2}/feedback`, {
      formId: f.id,
      surveyId: survey.id,
      answers: { service: 1 },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('FEEDBACK_ALREADY_ANSWERED')
    const detail = (await send(sales, 'GET', `/feedback-surveys/${survey.id}`)).json()
    expect(detail).toMatchObject({ invited: 3, responded: 2, responseRate: 0.6667 })
    expect(detail.scores).toEqual([
      { key: 'service', label: '服务满意度', average: 3.5, answers: 2 },
      { key: 'environment', label: '环境满意度', average: 4, answers: 1 },
    ])
    const listed = (await send(sales, 'GET', '/feedback-surveys')).json().items
    expect(listed.find((s: { id: string }) => s.id === survey.id)).toMatchObject({
      responded: 2,
      responseRate: 0.6667,
    })

    // Another department sees the figures, never who was invited.
    const foreign = (await send(otherSales, 'GET', `/feedback-surveys/${survey.id}`)).json()
    expect(foreign).toMatchObject({ invited: 3, responded: 2, invitees: [] })

    // The selection is on the trail: counts, never who.
    const event = await t.deps.db
      .selectFrom('audit_events')
      .select(['details', 'purpose'])
      .where('action', '=', 'feedback.survey_created')
      .where('target_id', '=', survey.id)
      .executeTakeFirstOrThrow()
    expect(event.purpose).toBe('marketing_sms')
    expect(JSON.stringify(event.details)).not.toContain(never)
  })

  it('selects by grade within the caller’s scope, by the consent standing at the time', async () => {
    const f = await form({ name: '重要客户反馈表', grade: 'important', fields: FIELDS })
    const a = await customerOf(sales, 'important')
    const b = await customerOf(sales, 'important')
    await consent(a, 'marketing_phone', true)
    await consent(b, 'marketing_phone', true)
    await consent(b, 'marketing_phone', false)
    const created = await send(sales, 'POST', '/feedback-surveys', {
      name: '重要客户电话回访',
      formId: f.id,
      channel: 'phone',
      selection: { grade: 'important' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const ids = created.json().invitees.map((i: { customerId: string }) => i.customerId)
    expect(ids).toContain(a)
    expect(ids).not.toContain(b)
    expect(created.json().excluded.consent_withdrawn).toBeGreaterThanOrEqual(1)
    // A form for important customers asks none of the general ones, whatever their consent.
    const general = await customerOf(sales, 'general')
    await consent(general, 'marketing_phone', true)
    const listed = await send(sales, 'POST', '/feedback-surveys', {
      name: '重要客户名单回访',
      formId: f.id,
      channel: 'phone',
      selection: { customerIds: [a, general] },
    })
    expect(listed.json()).toMatchObject({ invited: 1, excluded: { other_grade: 1 } })
  })
})

describe('responses (CUS-7)', () => {
  it('seals every answer but the scores, answers them masked, reveals them for a purpose', async () => {
    const f = await form({ name: '回访记录表', fields: FIELDS })
    const customer = await customerOf(sales)
    const recorded = await send(sales, 'POST', `/customers/${customer}/feedback`, {
      formId: f.id,
      answers: {
        service: 4,
        channel: '朋友介绍',
        suggestion: `${CANARY.name}说手机 ${CANARY.mobile} 常被打扰`,
        visit_on: '2026-11-30',
      },
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
    const response = recorded.json()
    expect(response).toMatchObject({ scores: { service: 4 }, masked: true })
    expect(response.answers.suggestion).not.toContain(CANARY.name)
    expect(response.form).toMatchObject({ id: f.id, version: 1 })
    const stored = await t.deps.db
      .selectFrom('feedback_responses')
      .selectAll()
      .where('id', '=', response.id)
      .executeTakeFirstOrThrow()
    expect(findCanary(JSON.stringify(stored))).toBeUndefined()
    expect(JSON.stringify(stored)).not.toContain('朋友介绍')
    expect(JSON.stringify(stored)).not.toContain('2026-11-30')
    const trail = await t.deps.db.selectFrom('audit_events').select('details').execute()
    expect(findCanary(JSON.stringify(trail))).toBeUndefined()

    const list = (await send(sales, 'GET', `/customers/${customer}/feedback`)).json()
    expect(list.items).toHaveLength(1)
    expect(findCanary(JSON.stringify(list))).toBeUndefined()
    const revealed = await send(sales, 'POST', `/feedback-responses/${response.id}/reveal`, {
      purpose: 'service',
    })
    expect(revealed.statusCode, revealed.body).toBe(200)
    expect(revealed.json().answers.suggestion).toContain(CANARY.name)
    expect(revealed.json().answers.channel).toBe('朋友介绍')
  })

  it('refuses bad answers with field messages and stores nothing', async () => {
    const f = await form({ name: '校验表', fields: FIELDS })
    const customer = await customerOf(sales)
    const before = await rowCount('feedback_responses')
    const bad = await send(sales, 'POST', `/customers/${customer}/feedback`, {
      formId: f.id,
      answers: { environment: 9, channel: '电视', visit_on: '昨天', extra: 'x' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: {
        'answers.service': expect.any(String),
        'answers.environment': expect.any(String),
        'answers.channel': expect.any(String),
        'answers.visit_on': expect.any(String),
        'answers.extra': expect.any(String),
      },
    })
    const wrongGrade = await send(sales, 'POST', `/customers/${customer}/feedback`, {
      formId: (await form({ name: '重要客户表', grade: 'important', fields: FIELDS })).id,
      answers: { service: 3 },
    })
    expect(wrongGrade.statusCode).toBe(422)
    expect(wrongGrade.json().error.code).toBe('FEEDBACK_FORM_NOT_FOR_GRADE')
    expect(await rowCount('feedback_responses')).toBe(before)
  })

  it('answers a customer out of scope as not found, and reveals nothing of it', async () => {
    const f = await form({ name: '范围表', fields: FIELDS })
    const customer = await customerOf(sales)
    const recorded = await send(sales, 'POST', `/customers/${customer}/feedback`, {
      formId: f.id,
      answers: { service: 3, suggestion: '等候区太热' },
    })
    expect(recorded.statusCode).toBe(201)
    const before = await rowCount('feedback_responses')
    const foreign = await send(otherSales, 'POST', `/customers/${customer}/feedback`, {
      formId: f.id,
      answers: { service: 1 },
    })
    expect(foreign.statusCode).toBe(404)
    expect((await send(otherSales, 'GET', `/customers/${customer}/feedback`)).statusCode).toBe(404)
    const peek = await send(
      otherSales,
      'POST',
      `/feedback-responses/${recorded.json().id}/reveal`,
      {
        purpose: 'service',
      },
    )
    expect(peek.statusCode).toBe(404)
    expect(await rowCount('feedback_responses')).toBe(before)
  })
})

describe('the customer’s copy and the shred (DSR-2, RET-2)', () => {
  it('exports the answers opened and the invitations; the shred keeps the scores, unlinked, and the survey’s figures', async () => {
    const f = await form({ name: '销毁前反馈表', fields: FIELDS })
    const customer = await customerOf(sales)
    await consent(customer, 'marketing_email', true)
    const survey = (
      await send(sales, 'POST', '/feedback-surveys', {
        name: '邮件回访',
        formId: f.id,
        channel: 'email',
        selection: { customerIds: [customer] },
      })
    ).json()
    const answered = await send(sales, 'POST', `/customers/${customer}/feedback`, {
      formId: f.id,
      surveyId: survey.id,
      answers: { service: 3, suggestion: `${CANARY.name}想要更多停车位` },
    })
    expect(answered.statusCode, answered.body).toBe(201)
    const keyRow = await t.deps.db
      .selectFrom('customer_keys')
      .selectAll()
      .where('customer_id', '=', customer)
      .executeTakeFirstOrThrow()
    const copy = await feedbackData.exportFor(t.deps.db, customer, {
      vault: t.deps.vault,
      key: await t.deps.vault.openCustomerKey(keyRow),
    })
    expect(copy.feedbackResponses).toMatchObject([
      {
        form: '销毁前反馈表',
        version: 1,
        answers: [
          { question: '服务满意度', answer: '3' },
          { question: '对消费环境的意见和建议', answer: `${CANARY.name}想要更多停车位` },
        ],
      },
    ])
    expect(copy.surveyInvitations).toMatchObject([{ survey: '邮件回访', channel: 'email' }])

    await t.deps.db.transaction().execute((trx) => feedbackData.shred(trx, customer, t.clock.now()))
    const kept = await t.deps.db
      .selectFrom('feedback_responses')
      .selectAll()
      .where('id', '=', answered.json().id)
      .executeTakeFirstOrThrow()
    expect(kept).toMatchObject({ customer_id: null, sealed: {}, scores: { service: 3 } })
    expect(await feedbackData.count(t.deps.db, customer)).toEqual({
      feedback_invitations: 0,
      feedback_responses: 0,
      improvement_items: 0,
    })
    const figures = (await send(sales, 'GET', `/feedback-surveys/${survey.id}`)).json()
    expect(figures).toMatchObject({ invited: 1, responded: 1, responseRate: 1 })
    expect(figures.scores[0]).toMatchObject({ key: 'service', average: 3 })
  })
})

describe('improvement items (改善方案, CUS-7)', () => {
  it('opens items with an owner and a due day, moves their status and shows the overdue ones', async () => {
    const manager = await createStaff(t.deps, ['manager'], { departmentId })
    const today = new Date(t.clock.now().getTime()).toISOString().slice(0, 10)
    const created = await send(sales, 'POST', '/improvement-items', {
      kind: 'suggestion',
      title: '等候区增加饮水机',
      ownerId: manager.id,
      dueOn: today,
    })
    expect(created.statusCode, created.body).toBe(201)
    const item = created.json()
    expect(item).toMatchObject({ status: 'open', overdue: false, owner: { id: manager.id } })

    t.clock.advance(3 * DAY)
    const overdue = (await send(sales, 'GET', '/improvement-items?overdue=true')).json().items
    expect(overdue.map((i: { id: string }) => i.id)).toContain(item.id)
    const moved = await send(manager, 'PATCH', `/improvement-items/${item.id}`, {
      status: 'done',
      plan: '已采购两台饮水机',
    })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json()).toMatchObject({ status: 'done', overdue: false })
    const after = (await send(sales, 'GET', '/improvement-items?overdue=true')).json().items
    expect(after.map((i: { id: string }) => i.id)).not.toContain(item.id)

    const bad = await send(sales, 'POST', '/improvement-items', {
      kind: 'praise',
      title: '',
      ownerId: manager.id,
      dueOn: '明天',
    })
    expect(bad.statusCode).toBe(400)
    const unknownOwner = await send(sales, 'POST', '/improvement-items', {
      kind: 'complaint',
      title: '前台响应慢',
      ownerId: '00000000-0000-4000-8000-000000000000',
      dueOn: today,
    })
    expect(unknownOwner.statusCode).toBe(422)
    expect(unknownOwner.json().error.code).toBe('IMPROVEMENT_OWNER_UNKNOWN')
  })
})
