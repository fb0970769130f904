import iconv from 'iconv-lite'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { idNumberOf, settled, uploadFile } from '../../../test/import-fixtures.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * Issue 18 §1 (DQ-3, DQ-1, CLS-2, AUD-1): customers imported from a file as
 * one job — uploaded and kept sealed, mapped, checked row by row with the
 * rules of an entry through the API (the dry run and its report), then run;
 * duplicates skipped, updated, created anyway or queued for review.
 */
let t: TestApp
let manager: string
let colleague: string
let existing: string

const HEADER = '客户姓名,手机号,身份证号码,电子邮箱,客户等级,备注'
const MAPPING = ['name', 'mobile', 'idNumber', 'email', 'grade', 'notes']

const get = (cookie: string, url: string, language = 'zh-CN') =>
  call(t.app, {
    method: 'GET',
    url: `/api/v1${url}`,
    cookie,
    headers: { 'accept-language': language },
  })
const post = (cookie: string, url: string, payload?: object) =>
  call(t.app, { method: 'POST', url: `/api/v1${url}`, cookie, ...(payload && { payload }) })

/** A CSV file as Chinese Excel saves one: GBK, no byte-order mark, CRLF. */
const gbkCsv = (lines: string[]) => iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk')

async function dryRun(lines: string[], options: Record<string, unknown> = {}) {
  const uploaded = await uploadFile(
    t.app,
    manager,
    { name: '客户名单.csv', bytes: gbkCsv(lines) },
    { mapping: MAPPING, ...options },
  )
  expect(uploaded.statusCode, uploaded.body).toBe(201)
  return settled(t.app, manager, uploaded.json().id)
}

async function run(id: string) {
  const started = await post(manager, `/imports/${id}/run`)
  expect(started.statusCode, started.body).toBe(200)
  return settled(t.app, manager, id)
}

beforeAll(async () => {
  t = await createTestApp()
  const department = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', department)
  colleague = await signedIn(t.app, t.deps, 'agent', department)
  existing = await createCustomerAs(t.app, manager, {
    kind: 'individual',
    name: '郑一',
    mobile: '13900000009',
    idNumber: idNumberOf(9),
  })
  // A colleague's customer: 客户首访原则 stops anyone else entering it again.
  await createCustomerAs(t.app, colleague, {
    kind: 'individual',
    name: '冯二',
    mobile: '13900000010',
    idNumber: idNumberOf(10),
  })
})

describe('the dry run and its report', () => {
  const lines = [
    HEADER,
    `张三,13800000001,${idNumberOf(1)},zhang@example.com,重要,老客户介绍`,
    `,13800000002,${idNumberOf(2)},,,`,
    `李四,1380000000,${idNumberOf(3)},,,`,
    '王五,13800000005,110105198001010000,,,',
    `赵六,13800000006,${idNumberOf(6)},not-an-email,,`,
    `钱七,13800000007,${idNumberOf(7)},,普普,`,
    `孙八,138 0000 0001,${idNumberOf(8)},,,`,
    `周九,13900000009,${idNumberOf(11)},,,`,
    '',
    `吴十,13800000012,${idNumberOf(12)},wu@example.com,一般,`,
  ]
  let id: string

  it('reads a GBK file, checks every row as an entry is checked, and reports each problem where it is, never the value', async () => {
    const view = await dryRun(lines)
    id = view.id
    expect(view).toMatchObject({
      state: 'ready',
      encoding: 'gb18030',
      fileName: '客户名单.csv',
      progress: { total: 9, checked: 9, done: 0 },
      counts: { invalid: 5, create: 2, skip: 2, update: 0, review: 0 },
    })

    const report = await get(manager, `/imports/${id}/errors`)
    expect(report.statusCode, report.body).toBe(200)
    expect(
      report
        .json()
        .items.map((p: Record<string, unknown>) => [p.row, p.columnName, p.field, p.problem]),
    ).toEqual([
      [3, '客户姓名', 'name', 'required'],
      [4, '手机号', 'mobile', 'mobile'],
      [5, '身份证号码', 'idNumber', 'idNumber'],
      [6, '电子邮箱', 'email', 'email'],
      [7, '客户等级', 'grade', 'notAllowed'],
    ])
    expect(report.json().items[0]).toMatchObject({
      column: 1,
      fieldLabel: '姓名/名称',
      message: '必填。',
    })
    for (const refused of ['1380000000,', '110105198001010000', 'not-an-email', '普普']) {
      expect(report.body).not.toContain(refused)
    }
    expect(view.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ problem: 'required', rows: 1 })]),
    )
  })

  it('downloads the report as a CSV file in the reader’s language', async () => {
    const csv = await get(manager, `/imports/${id}/errors?format=csv`, 'en')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const text = csv.body.replace(/^\uFEFF/, '')
    expect(text.split('\r\n')[0]).toBe('"Row","Column","Column name","Field","Problem"')
    expect(text).toContain('"3","1","客户姓名","Name","Required."')
    expect(text).not.toContain('not-an-email')
  })

  it('never lets a header of the uploaded file run as a formula in the downloaded report', async () => {
    const view = await dryRun(['=HYPERLINK("x"),手机号', ',13800000031'], {
      mapping: ['name', 'mobile'],
    })
    const csv = await get(manager, `/imports/${view.id}/errors?format=csv`, 'en')
    expect(csv.body).toContain('"2","1","\'=HYPERLINK(""x"")","Name","Required."')
  })

  it('keeps the file sealed: no value of it in plain in any import table', async () => {
    const { rows } = await sql<{ text: string }>`
      select concat_ws(' ', i.file_name, i.sealed_header, i.options::text,
        (select string_agg(sealed, '') from import_file_chunks c where c.import_id = i.id)) as text
      from imports i where i.id = ${id}`.execute(t.deps.db)
    const stored = rows[0]?.text ?? ''
    expect(stored.length).toBeGreaterThan(100)
    for (const plain of ['张三', '13800000001', idNumberOf(1), 'zhang@example.com', '客户姓名']) {
      expect(stored).not.toContain(plain)
    }
  })

  it('runs the import: the valid new rows become customers, duplicates skipped, and the file is deleted', async () => {
    const done = await run(id)
    expect(done).toMatchObject({
      state: 'done',
      progress: { total: 9, done: 9 },
      counts: { created: 2, skipped: 2, failed: 5 },
    })
    const found = await get(manager, '/customers?mobile=13800000012')
    expect(found.json().items).toHaveLength(1)
    expect(found.json().items[0]).toMatchObject({ grade: 'general', source: null })
    const chunks = await t.deps.db
      .selectFrom('import_file_chunks')
      .select('seq')
      .where('import_id', '=', id)
      .execute()
    expect(chunks).toEqual([])
    const audit = await t.deps.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'import.uploaded',
      'import.validated',
      'import.started',
    ])
  })
})

describe('duplicates, handled four ways (DQ-1)', () => {
  const file = (mobile: string, name: string) => [HEADER, `${name},${mobile},,new@example.com,,`]
  const customersWith = async (mobile: string) =>
    (await get(manager, `/customers?mobile=${mobile}`)).json().items as {
      id: string
      status: string
    }[]

  it('skips a row that matches a customer already recorded: a file of such rows leaves nothing to run', async () => {
    const view = await dryRun(file('13900000009', '郑一'), { duplicates: 'skip' })
    expect(view.counts).toMatchObject({ skip: 1, create: 0 })
    const refused = await post(manager, `/imports/${view.id}/run`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('IMPORT_NOTHING_TO_IMPORT')
    expect(await customersWith('13900000009')).toHaveLength(1)
  })

  it('updates the existing record with the fields the file fills, and only those that change', async () => {
    const checked = await dryRun(file('13900000009', '郑一'), { duplicates: 'update' })
    expect(checked.counts).toMatchObject({ update: 1 })
    expect((await run(checked.id)).counts).toMatchObject({ updated: 1 })
    const changed = await t.deps.db
      .selectFrom('audit_events')
      .select('fields')
      .where('action', '=', 'customer.updated')
      .where('target_id', '=', existing)
      .executeTakeFirstOrThrow()
    expect(changed.fields).toEqual(['email'])
    expect(await customersWith('13900000009')).toHaveLength(1)
  })

  it('creates the record anyway when asked, or queues it as a draft for review', async () => {
    const created = await dryRun(file('13900000009', '郑一'), { duplicates: 'create' })
    expect((await run(created.id)).counts).toMatchObject({ created: 1 })
    const queued = await dryRun(file('13900000009', '郑一'), { duplicates: 'review' })
    expect(queued.counts).toMatchObject({ review: 1 })
    expect((await run(queued.id)).counts).toMatchObject({ queued: 1 })
    const statuses = (await customersWith('13900000009')).map((c) => c.status).sort()
    expect(statuses).toEqual(['active', 'active', 'draft'])
  })

  it('never enters again a customer a colleague registered (客户首访原则), whatever the handling', async () => {
    for (const duplicates of ['create', 'review']) {
      const view = await dryRun(file('13900000010', '冯二'), { duplicates })
      expect(view.counts).toMatchObject({ invalid: 1 })
      const report = (await get(manager, `/imports/${view.id}/errors`)).json()
      expect(report.items).toEqual([
        expect.objectContaining({ row: 2, field: 'mobile', problem: 'registeredByOther' }),
      ])
      const refused = await post(manager, `/imports/${view.id}/run`)
      expect(refused.statusCode).toBe(409)
      expect(refused.json().error.code).toBe('IMPORT_NOTHING_TO_IMPORT')
    }
  })
})

describe('bad input answers a clear error and changes nothing', () => {
  const imports = () => t.deps.db.selectFrom('imports').select('id').execute()

  it('refuses a file that is not CSV or Excel, a missing file, bad options and a bad mapping', async () => {
    const before = (await imports()).length
    const xls = await uploadFile(t.app, manager, { name: 'old.xls', bytes: 'x' }, {}, 'en')
    expect(xls.statusCode).toBe(415)
    expect(xls.json().error.message).toContain('.xlsx')
    const options = await uploadFile(
      t.app,
      manager,
      { name: 'a.csv', bytes: HEADER },
      {
        duplicates: 'merge',
      },
    )
    expect(options.statusCode).toBe(400)
    const empty = await uploadFile(t.app, manager, { name: 'a.csv', bytes: '' })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('IMPORT_FILE_REQUIRED')
    const json = await post(manager, '/imports', { file: 'x' })
    expect(json.statusCode).toBe(400)
    expect((await imports()).length).toBe(before)

    const waiting = await uploadFile(t.app, manager, { name: 'a.csv', bytes: `${HEADER}\r\n` })
    expect(waiting.statusCode, waiting.body).toBe(201)
    expect(waiting.json()).toMatchObject({
      state: 'uploaded',
      header: HEADER.split(','),
      suggestedMapping: ['name', 'mobile', 'idNumber', 'email', 'grade', 'notes'],
    })
    const mapping = await call(t.app, {
      method: 'PUT',
      url: `/api/v1/imports/${waiting.json().id}/mapping`,
      cookie: manager,
      headers: { 'accept-language': 'en' },
      payload: { mapping: ['mobile', 'mobile', null, 'nonsense', null, null] },
    })
    expect(mapping.statusCode).toBe(400)
    expect(mapping.json().error).toMatchObject({
      code: 'IMPORT_MAPPING_INVALID',
      fields: {
        'mapping.1': 'This field is already mapped to another column.',
        'mapping.3': 'Unknown field.',
      },
    })
    const early = await post(manager, `/imports/${waiting.json().id}/run`)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('IMPORT_STATE')
  })

  it('shows an import to its uploader alone', async () => {
    const mine = (
      await uploadFile(t.app, manager, { name: 'a.csv', bytes: `${HEADER}\r\n` })
    ).json()
    const other = await signedIn(t.app, t.deps, 'manager')
    expect((await get(other, `/imports/${mine.id}`)).statusCode).toBe(404)
    expect((await post(other, `/imports/${mine.id}/cancel`)).statusCode).toBe(404)
    expect((await get(colleague, `/imports/${mine.id}`)).statusCode).toBe(403)
    const cancelled = await post(manager, `/imports/${mine.id}/cancel`)
    expect(cancelled.json().state).toBe('cancelled')
  })
})
