import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CANARY,
  createCustomerAs,
  findCanary,
  individual,
  organization,
} from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signedIn, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { csvCell } from '../../platform/csv-cell.js'

/**
 * Issue 18 §2 (DQ-3, CLS-4, ACC-5, AUD-1): exports of the customer list —
 * masked by default, plain values only for a purpose and after a second
 * person's approval, downloaded by the requester alone within its time,
 * watermarked, and on the trail with the row count, never a value.
 */
let t: TestApp
let manager: string
let secondManager: string
let otherDepartmentManager: string
let agent: string
let department: string

beforeAll(async () => {
  t = await createTestApp()
  department = await createDepartment(t.deps, '零售业务部')
  const other = await createDepartment(t.deps, '对公业务部')
  manager = await signedIn(t.app, t.deps, 'manager', department)
  secondManager = await signedIn(t.app, t.deps, 'manager', department)
  otherDepartmentManager = await signedIn(t.app, t.deps, 'manager', other)
  agent = await signedIn(t.app, t.deps, 'agent', department)
  await createCustomerAs(t.app, manager, individual())
  await createCustomerAs(t.app, manager, organization())
  await createCustomerAs(
    t.app,
    otherDepartmentManager,
    individual({
      name: '钱二',
      mobile: '13700000002',
      idNumber: '110101199003078515',
      email: 'qian@example.com',
      bankAccounts: ['6217000099999999999'],
      bankCards: ['6222029999999999999'],
    }),
  )
})

const FIELDS = ['name', 'mobile', 'idNumber', 'income', 'bankCards', 'contacts', 'grade']

const ask = (cookie: string, payload: Record<string, unknown>, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: '/api/v1/exports',
    cookie,
    headers: { 'accept-language': language },
    payload,
  })
const file = (cookie: string, id: string, language = 'zh-CN') =>
  call(t.app, {
    method: 'GET',
    url: `/api/v1/exports/${id}/file`,
    cookie,
    headers: { 'accept-language': language },
  })
const approve = (cookie: string, id: string) =>
  call(t.app, { method: 'POST', url: `/api/v1/exports/${id}/approve`, cookie, payload: {} })

const events = (action: string) =>
  t.deps.db
    .selectFrom('audit_events')
    .select(['outcome', 'reason', 'details', 'fields', 'purpose', 'target_id'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()

async function cellsOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  const sheets = workbook.worksheets.map((sheet) => {
    const rows: string[][] = []
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v === undefined || v === null ? '' : String(v))),
      )
    })
    return { name: sheet.name, rows }
  })
  return { workbook, sheets }
}

describe('a masked export (the default)', () => {
  it('is ready at once; its CSV carries a BOM, the watermark line, labelled headers and no plain value (CLS-4)', async () => {
    const asked = await ask(manager, { fields: FIELDS, format: 'csv' })
    expect(asked.statusCode, asked.body).toBe(201)
    const view = asked.json()
    expect(view).toMatchObject({ mode: 'masked', state: 'ready', rowCount: 2, approvalId: null })
    expect(asked.body).not.toContain(CANARY.mobile)

    const got = await file(manager, view.id)
    expect(got.statusCode, got.body).toBe(200)
    expect(got.headers['content-type']).toContain('text/csv')
    expect(got.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = got.body.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toMatch(/^# 导出编号 /)
    expect(lines[0]).toContain(view.id)
    expect(lines[0]).toContain(view.requestedBy.username)
    expect(lines[0]).toContain('脱敏')
    expect(lines[1]).toBe('姓名/名称,手机号码,证件号码,收入,银行卡号,联系人,客户等级')
    expect(lines.filter((l) => l !== '')).toHaveLength(4)
    expect(findCanary(got.rawPayload)).toBeUndefined()
    expect(got.body).toContain('139****5678')
    // Only the rows of the requester's list: the other department's customer is not in it.
    expect(got.body).not.toContain('钱*')
  })

  it('as Excel: watermark in the properties and on a first sheet, headings in English, no plain value in any cell', async () => {
    const asked = await ask(manager, { fields: FIELDS, format: 'xlsx' })
    const id = asked.json().id
    const got = await file(manager, id, 'en')
    expect(got.statusCode, got.body).toBe(200)
    const { workbook, sheets } = await cellsOf(got.rawPayload)
    expect(workbook.creator).toBe(asked.json().requestedBy.username)
    expect(workbook.title).toContain(id)
    expect(workbook.keywords).toContain(id)
    expect(workbook.description).toContain(id)
    expect(sheets.map((s) => s.name)).toEqual(['About this export', 'Customers'])
    const about = sheets[0]?.rows ?? []
    expect(about[0]).toEqual(['Export', id])
    expect(about[1]).toEqual(['Requested by', asked.json().requestedBy.username])
    expect(about.find((r) => r[0] === 'Mode')?.[1]).toBe('masked')
    expect(sheets[1]?.rows[0]).toEqual([
      'Name',
      'Mobile',
      'ID number',
      'Income',
      'Bank cards',
      'Contacts',
      'Grade',
    ])
    expect(sheets[1]?.rows).toHaveLength(3)
    const text = sheets.flatMap((s) => s.rows.flat()).join('\n')
    expect(findCanary(text)).toBeUndefined()
    expect(text).toContain('139****5678')
  })

  it('is audited with its filter (never a search term), fields and row count; so is the download', async () => {
    const asked = await ask(manager, {
      filter: { mobile: CANARY.mobile, grade: 'important' },
      fields: ['name', 'mobile'],
      format: 'csv',
    })
    expect(asked.json().rowCount).toBe(1)
    expect(asked.json().filter).toEqual({ grade: 'important', searchedBy: ['mobile'] })
    await file(manager, asked.json().id)
    const requested = (await events('export.requested')).find(
      (e) => e.target_id === asked.json().id,
    )
    expect(requested).toMatchObject({
      outcome: 'allowed',
      fields: ['name', 'mobile'],
      details: {
        rowCount: 1,
        filter: { grade: 'important', searchedBy: ['mobile'] },
        mode: 'masked',
      },
    })
    const downloaded = (await events('export.downloaded')).filter(
      (e) => e.target_id === asked.json().id,
    )
    expect(downloaded).toHaveLength(1)
    expect(downloaded[0]).toMatchObject({ outcome: 'allowed', details: { rowCount: 1 } })
    const trail = JSON.stringify(await t.deps.db.selectFrom('audit_events').selectAll().execute())
    expect(findCanary(trail)).toBeUndefined()
    const stored = JSON.stringify(await t.deps.db.selectFrom('exports').selectAll().execute())
    expect(findCanary(stored)).toBeUndefined()
  })
})

describe('a plain export (ACC-5)', () => {
  it('needs a purpose; its file waits for a second person, never its requester, then carries plain values', async () => {
    const noPurpose = await ask(
      manager,
      { fields: ['mobile', 'income'], format: 'csv', mode: 'plain' },
      'en',
    )
    expect(noPurpose.statusCode).toBe(400)
    expect(noPurpose.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { purpose: 'A purpose is needed to export plain values.' },
    })

    const asked = await ask(manager, {
      fields: ['name', 'mobile', 'income'],
      format: 'csv',
      mode: 'plain',
      purpose: 'service',
    })
    expect(asked.statusCode, asked.body).toBe(201)
    const { id, approvalId } = asked.json()
    expect(asked.json()).toMatchObject({ state: 'awaiting_approval', rowCount: 2 })
    expect(approvalId).toMatch(/^[0-9a-f-]{36}$/)

    const early = await file(manager, id)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('EXPORT_AWAITING_APPROVAL')
    expect(early.json().error.message).toContain('审批')

    const own = await approve(manager, id)
    expect(own.statusCode).toBe(403)
    expect(own.json().error.code).toBe('APPROVAL_SECOND_PERSON')
    // A manager of another department does not decide it (answered as not found).
    expect((await approve(otherDepartmentManager, id)).statusCode).toBe(404)

    const queue = await call(t.app, {
      method: 'GET',
      url: '/api/v1/approvals',
      cookie: secondManager,
    })
    expect(queue.json().items.map((a: { id: string }) => a.id)).toContain(approvalId)

    const approved = await approve(secondManager, id)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json().state).toBe('ready')

    // Only its requester downloads it.
    const stranger = await file(secondManager, id, 'en')
    expect(stranger.statusCode).toBe(404)
    expect(stranger.json().error.message).toBe('No such export, or it is not one you asked for.')

    const got = await file(manager, id)
    expect(got.statusCode, got.body).toBe(200)
    expect(got.body).toContain(CANARY.mobile)
    expect(got.body).toContain(String(CANARY.income))
    expect(got.body.split('\r\n')[0]).toContain('明文')
    expect(got.body.split('\r\n')[0]).toContain('service')

    expect((await events('export.approved')).at(-1)).toMatchObject({
      target_id: id,
      purpose: 'service',
      fields: ['name', 'mobile', 'income'],
      details: { rowCount: 2 },
    })
    const downloads = (await events('export.downloaded')).filter((e) => e.target_id === id)
    expect(downloads.map((e) => [e.outcome, e.reason])).toEqual([
      ['denied', 'awaiting_approval'],
      ['denied', 'not_requester'],
      ['allowed', null],
    ])
    const trail = JSON.stringify(await t.deps.db.selectFrom('audit_events').selectAll().execute())
    expect(findCanary(trail)).toBeUndefined()
    expect(
      findCanary(JSON.stringify(await t.deps.db.selectFrom('exports').selectAll().execute())),
    ).toBeUndefined()
  })

  it('once rejected in the approvals queue, shows rejected and its file is refused', async () => {
    const asked = await ask(manager, {
      fields: ['idNumber'],
      format: 'xlsx',
      mode: 'plain',
      purpose: 'service',
    })
    const { id, approvalId } = asked.json()
    const rejected = await call(t.app, {
      method: 'POST',
      url: `/api/v1/approvals/${approvalId}/reject`,
      cookie: secondManager,
      payload: { note: '不需要明文' },
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    const shown = await call(t.app, {
      method: 'GET',
      url: `/api/v1/exports/${id}`,
      cookie: manager,
    })
    expect(shown.json()).toMatchObject({ state: 'rejected', approvalId: null })
    const refused = await file(manager, id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('EXPORT_REJECTED')
    expect((await approve(secondManager, id)).json().error.code).toBe('EXPORT_NOT_PENDING')
  })

  it('refuses a purpose that does not reach the fields, as a reveal does', async () => {
    const refused = await ask(manager, {
      fields: ['bankCards'],
      format: 'csv',
      mode: 'plain',
      purpose: 'marketing_sms',
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('PURPOSE_SCOPE_EXCEEDED')
    expect((await events('export.requested')).at(-1)).toMatchObject({
      outcome: 'denied',
      reason: 'beyond_purpose',
    })
  })
})

describe('bad input and access', () => {
  it('answers an unknown field with a message per field, in zh-CN and en', async () => {
    const zh = await ask(manager, { fields: ['name', 'shoeSize'], format: 'csv' })
    expect(zh.statusCode).toBe(400)
    expect(zh.json().error.fields).toEqual({ shoeSize: '不支持该字段。' })
    const en = await ask(manager, { fields: ['shoeSize'], format: 'pdf' }, 'en')
    expect(en.statusCode).toBe(400)
    expect(en.json().error.code).toBe('VALIDATION_FAILED')
    const unknown = await ask(manager, { fields: ['shoeSize'], format: 'csv' }, 'en')
    expect(unknown.json().error.fields).toEqual({ shoeSize: 'Unknown field.' })
  })

  it('refuses an agent (no customers.export) and an unknown export', async () => {
    expect((await ask(agent, { fields: ['name'], format: 'csv' })).statusCode).toBe(403)
    const missing = await file(manager, '00000000-0000-4000-8000-000000000000')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('EXPORT_NOT_FOUND')
  })
})

describe('an export’s time', () => {
  it('is over after the configured hours (24 by default): the file is refused, the export shows expired', async () => {
    const requester = await createStaff(t.deps, ['manager'], { departmentId: department })
    const asked = await ask(await signInAs(t.app, requester), { fields: ['name'], format: 'csv' })
    expect(asked.json().state).toBe('ready')
    t.clock.advance(24 * 3_600_000 + 1000)
    const cookie = await signInAs(t.app, requester)
    const late = await file(cookie, asked.json().id, 'en')
    expect(late.statusCode).toBe(410)
    expect(late.json().error.message).toBe(
      'This export can no longer be downloaded: its time is up. Ask for a new export.',
    )
    const shown = await call(t.app, {
      method: 'GET',
      url: `/api/v1/exports/${asked.json().id}`,
      cookie,
    })
    expect(shown.json().state).toBe('expired')
    expect((await events('export.downloaded')).at(-1)).toMatchObject({
      outcome: 'denied',
      reason: 'expired',
    })
  })
})

describe('a CSV cell', () => {
  it('is quoted when it must be and never read as a formula', () => {
    expect(csvCell('张*')).toBe('张*')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell('+86 138')).toBe("'+86 138")
    expect(csvCell(-12.5)).toBe('-12.5')
  })
})
