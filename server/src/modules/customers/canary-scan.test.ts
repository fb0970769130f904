import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  embeddedEnv,
  freePort,
  runCli,
  setUpDataDir,
  startHealthyServer,
  stopServer,
} from '../../../test/cli-process.js'
import {
  CANARY,
  CANARY_RECIPIENT,
  findCanary,
  individual,
  organization,
} from '../../../test/customer-fixtures.js'
import { privacyNotice, STRONG_PASSWORD } from '../../../test/factories.js'
import { signInOverHttp } from '../../../test/http-session.js'
import { importForm } from '../../../test/import-fixtures.js'
import { createTestDatabase, testEngine } from '../../../test/test-database.js'

/**
 * CLS-2, CLS-6 end to end: the real server, on the engine under test, takes
 * canary customers through every operation; then a raw scan of what it left
 * behind — the embedded database's files, or a pg_dump of the PostgreSQL
 * database — and of everything it logged finds none of the canary values.
 */
let dataDir: string
let databaseUrl: string | undefined
let closeDatabase: (() => Promise<void>) | undefined
let log = ''

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-canary-'))
  if (testEngine === 'postgres') {
    const database = await createTestDatabase()
    databaseUrl = database.url
    closeDatabase = database.close
  }
})
afterAll(async () => {
  await closeDatabase?.()
  await rm(dataDir, { recursive: true, force: true })
})

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
}

/** A file downloaded over real HTTP by the canary manager (its bytes, not parsed). */
/** A request as the manager, answered as bytes: a file to download, or a multipart upload. */
async function downloadOverHttp(
  port: number,
  url: string,
  upload?: { payload: Buffer; headers: Record<string, string> },
) {
  const base = `http://127.0.0.1:${port}/api/v1`
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'canary.manager', password: STRONG_PASSWORD }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const response = await fetch(`${base}${url}`, {
    headers: { cookie, ...upload?.headers },
    ...(upload && { method: 'POST', body: new Uint8Array(upload.payload) }),
  })
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) }
}

describe(`canary values never stored or logged in plain text (${testEngine})`, () => {
  it('uses every customer operation through the real server', async () => {
    const port = await freePort()
    const env = embeddedEnv({
      CUSTODIA_DATA_DIR: dataDir,
      PORT: String(port),
      CUSTODIA_LOG_LEVEL: 'debug',
      CUSTODIA_MFA_REQUIRED_ROLES: '',
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    })
    // On the embedded database, from a copy of a directory `custodia migrate` set up.
    if (!databaseUrl) await setUpDataDir(env)
    const added = await runCli(
      [
        'user',
        'add',
        '--username',
        'canary.manager',
        '--role',
        'manager',
        '--department',
        '零售业务部',
        '--create-department',
        '--password-stdin',
        '--own-password',
      ],
      env,
      STRONG_PASSWORD,
    )
    expect(added.code, added.stderr).toBe(0)
    const officer = await runCli(
      [
        'user',
        'add',
        '--username',
        'canary.officer',
        '--role',
        'compliance',
        '--password-stdin',
        '--own-password',
      ],
      env,
      STRONG_PASSWORD,
    )
    expect(officer.code, officer.stderr).toBe(0)
    const reviewer = await runCli(
      [
        'user',
        'add',
        '--username',
        'canary.reviewer',
        '--role',
        'manager',
        '--department',
        '零售业务部',
        '--password-stdin',
        '--own-password',
      ],
      env,
      STRONG_PASSWORD,
    )
    expect(reviewer.code, reviewer.stderr).toBe(0)
    // Builds the feedback forms (settings.manage, CUS-7).
    const builder = await runCli(
      [
        'user',
        'add',
        '--username',
        'canary.admin',
        '--role',
        'sysadmin',
        '--password-stdin',
        '--own-password',
      ],
      env,
      STRONG_PASSWORD,
    )
    expect(builder.code, builder.stderr).toBe(0)
    const server = await startHealthyServer(env, port)
    server.stdout?.on('data', (chunk) => {
      log += String(chunk)
    })
    server.stderr?.on('data', (chunk) => {
      log += String(chunk)
    })
    try {
      const send = await signInOverHttp(port, 'canary.manager', STRONG_PASSWORD)
      const person = await send('POST', '/customers', individual())
      expect(person.status).toBe(201)
      expect((await send('POST', '/customers', organization())).status).toBe(201)
      // A rejected body with canary values must not echo them into the log either.
      expect(
        (await send('POST', '/customers', individual({ idNumber: '440304199003071231' }))).status,
      ).toBe(400)
      const id = person.json.id as string
      // Entry review (CUS-4): a rejection's reason may quote the record; it is sealed too.
      const review = await signInOverHttp(port, 'canary.reviewer', STRONG_PASSWORD)
      expect((await send('POST', `/customers/${id}/submit`)).status).toBe(200)
      const rejected = await review('POST', `/customers/${id}/reject`, {
        reason: `${CANARY.name}的证件号 ${CANARY.idNumber} 与扫描件不符`,
      })
      expect(rejected.status).toBe(200)
      expect((await send('POST', `/customers/${id}/submit`)).status).toBe(200)
      expect((await review('POST', `/customers/${id}/approve`)).status).toBe(200)
      expect((await send('GET', `/customers/${id}`)).status).toBe(200)
      expect((await send('GET', `/customers?mobile=${CANARY.mobile}`)).json.items).toHaveLength(1)
      expect(
        (await send('GET', `/customers?q=${encodeURIComponent(CANARY.name)}`)).json.items,
      ).toHaveLength(1)
      const revealed = await send('POST', `/customers/${id}/reveal`, {
        fields: ['idNumber', 'bankCards', 'income'],
        purpose: 'service',
      })
      expect(revealed.json.values).toMatchObject({ idNumber: CANARY.idNumber })
      expect(
        (
          await send('PATCH', `/customers/${id}`, {
            address: `${CANARY.address}B座`,
            notes: '金丝雀备注',
          })
        ).status,
      ).toBe(200)
      // An interaction's note and next step quote the customer (CUS-6): sealed, masked, revealed for a purpose.
      const logged = await send('POST', `/customers/${id}/interactions`, {
        channel: 'phone',
        direction: 'outbound',
        note: `${CANARY.name}来电，手机 ${CANARY.mobile}`,
        nextStep: `再致电${CANARY.name}`,
      })
      expect(logged.status).toBe(201)
      expect((await send('GET', `/customers/${id}/interactions`)).status).toBe(200)
      expect((await send('GET', `/customers/${id}/timeline`)).status).toBe(200)
      const note = await send('POST', `/interactions/${logged.json.id}/reveal`, {
        purpose: 'service',
      })
      expect(note.json.note).toContain(CANARY.name)
      // The tracking form of an A customer, a supervisor's check and the day's report quote the customer (issue 17, 客户追踪表, 晚会).
      expect((await send('PATCH', `/customers/${id}`, { trackingLevel: 'A' })).status).toBe(200)
      const trackingForm = await send('PUT', `/customers/${id}/tracking-form`, {
        values: { decision_maker: CANARY.name, objections: `手机 ${CANARY.mobile} 常不接` },
      })
      expect(trackingForm.status).toBe(200)
      const trackingCheck = await send('POST', `/customers/${id}/tracking-form/checks`, {
        comment: `${CANARY.name}的身份证 ${CANARY.idNumber} 待核`,
      })
      expect(trackingCheck.status).toBe(201)
      const trackingOpened = await send('POST', `/customers/${id}/tracking-form/reveal`, {
        purpose: 'service',
      })
      expect(trackingOpened.json.values).toMatchObject({ decision_maker: CANARY.name })
      const dailyReport = await send('POST', '/daily-reports', {
        text: `${CANARY.name}（${CANARY.mobile}）嫌价格高`,
      })
      expect(dailyReport.status).toBe(200)
      expect((await send('GET', '/daily-reports')).json.items).toMatchObject([
        { text: expect.stringContaining(CANARY.name) },
      ])
      // A feedback response's answers quote the customer (CUS-7): sealed but the scores, masked, revealed for a purpose.
      const admin = await signInOverHttp(port, 'canary.admin', STRONG_PASSWORD)
      const form = await admin('POST', '/feedback-forms', {
        name: '客户信息反馈表',
        fields: [
          { key: 'service', kind: 'scale', label: '服务满意度', required: true },
          { key: 'suggestion', kind: 'text', label: '意见和建议' },
        ],
      })
      expect(form.status).toBe(201)
      const answered = await send('POST', `/customers/${id}/feedback`, {
        formId: form.json.id,
        answers: { service: 4, suggestion: `${CANARY.name}（${CANARY.mobile}）希望增加停车位` },
      })
      expect(answered.status).toBe(201)
      expect((await send('GET', `/customers/${id}/feedback`)).status).toBe(200)
      const answers = await send('POST', `/feedback-responses/${answered.json.id}/reveal`, {
        purpose: 'service',
      })
      expect((answers.json.answers as Record<string, string>).suggestion).toContain(CANARY.name)
      // A weekly review's plan item note quotes the customer (CUS-8): sealed under the customer's key.
      const grade = String((await send('GET', `/customers/${id}`)).json.grade ?? 'general')
      const week = await send('GET', `/weekly-review?grade=${grade}`)
      expect(week.status).toBe(200)
      const nextMonday = new Date(
        Date.parse(`${String(week.json.monday)}T00:00:00Z`) + 7 * 86_400_000,
      )
      const reviewed = await send('POST', '/weekly-review', {
        week: week.json.week,
        grade,
        items: [
          {
            customerId: id,
            dueOn: nextMonday.toISOString().slice(0, 10),
            purpose: 'return_visit',
            note: `问${CANARY.name}（${CANARY.mobile}）新地址`,
          },
        ],
      })
      expect(reviewed.status).toBe(201)
      const planned = reviewed.json.review as { items: { note: string | null }[] }
      expect(planned.items[0]?.note).toContain(CANARY.name)
      const confirmed = await send('POST', `/customers/${id}/confirmations`, {
        fields: ['name', 'mobile'],
        method: 'phone',
      })
      expect(confirmed.status).toBe(201)
      // Exports (issue 18 §2): a masked file carries no canary; a plain one, approved by a
      // second person, carries them — made when downloaded, never kept nor logged.
      const masked = await send('POST', '/exports', {
        fields: ['name', 'mobile', 'idNumber', 'bankCards', 'income', 'contacts'],
        format: 'csv',
      })
      expect(masked.status).toBe(201)
      const maskedFile = await downloadOverHttp(port, `/exports/${masked.json.id}/file`)
      expect(maskedFile.status).toBe(200)
      expect(findCanary(maskedFile.body)).toBeUndefined()
      const plain = await send('POST', '/exports', {
        filter: { mobile: CANARY.mobile },
        fields: ['name', 'mobile', 'idNumber'],
        format: 'csv',
        mode: 'plain',
        purpose: 'service',
      })
      expect(plain.status).toBe(201)
      expect((await review('POST', `/exports/${plain.json.id}/approve`, {})).status).toBe(200)
      const plainFile = await downloadOverHttp(port, `/exports/${plain.json.id}/file`)
      expect(plainFile.body.toString('utf8')).toContain(CANARY.idNumber)
      // Imports (issue 18 §1): the uploaded file is kept sealed while its job waits (left
      // `ready` here, so the scan finds it at rest), and its report names no refused value.
      const uploaded = await downloadOverHttp(
        port,
        '/imports',
        importForm(
          {
            name: '金丝雀名单.csv',
            bytes: [
              '姓名,手机号,身份证号码,地址,银行卡号',
              `${CANARY.name},${CANARY.mobile},${CANARY.idNumber},${CANARY.address},${CANARY.bankCards[0]}`,
              `${CANARY.name}二,${CANARY.mobile}0,${CANARY.idNumber.slice(0, -1)}0,${CANARY.address},`,
            ].join('\n'),
          },
          { mapping: ['name', 'mobile', 'idNumber', 'address', null] },
        ),
      )
      expect(uploaded.status, uploaded.body.toString()).toBe(201)
      const importId = JSON.parse(uploaded.body.toString()).id as string
      while ((await send('GET', `/imports/${importId}`)).json.state === 'validating') {
        await setTimeout(100)
      }
      const report = await downloadOverHttp(port, `/imports/${importId}/errors?format=csv`)
      expect(report.body.toString()).toContain('手机号')
      expect(findCanary(report.body)).toBeUndefined()
      // A third-party consent names its recipient: sealed, yet shown to whoever may see the consents.
      const compliance = await signInOverHttp(port, 'canary.officer', STRONG_PASSWORD)
      expect((await compliance('POST', '/notices', privacyNotice(['third_party']))).status).toBe(
        201,
      )
      const consent = await compliance('POST', `/customers/${id}/consents`, {
        purpose: 'third_party',
        granted: true,
        channel: 'paper',
        recipient: CANARY_RECIPIENT,
      })
      expect(consent.status).toBe(201)
      const consents = await send('GET', `/customers/${id}/consents`)
      expect(consents.json.history).toMatchObject([{ recipient: CANARY_RECIPIENT }])
    } finally {
      await stopServer(server)
    }
  })

  it('leaves no canary in the database', async () => {
    if (databaseUrl) {
      const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', databaseUrl], {
        maxBuffer: 256 * 1024 * 1024,
      })
      expect(stdout).toContain('customer_sensitive')
      expect(findCanary(stdout)).toBeUndefined()
    } else {
      const files = await filesUnder(dataDir)
      expect(files.length).toBeGreaterThan(10)
      for (const file of files) {
        const found = findCanary(await readFile(file))
        expect(
          found === undefined ? undefined : `${found} in ${path.relative(dataDir, file)}`,
        ).toBeUndefined()
      }
    }
  })

  it('leaves no canary in the log', () => {
    expect(log).toContain('"reqId"')
    expect(findCanary(log)).toBeUndefined()
  })
})
