import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addAccountByCommand,
  embeddedEnv,
  exited,
  freePort,
  setUpDataDir,
  startHealthyServer,
  stopServer,
} from '../../../test/cli-process.js'
import { STRONG_PASSWORD } from '../../../test/factories.js'
import { idNumberOf, importForm } from '../../../test/import-fixtures.js'
import { createTestDatabase, testEngine } from '../../../test/test-database.js'

/**
 * Issue 18 §1 (DQ-3): a server killed in the middle of an import — no
 * warning, no clean stop — and started again resumes it after the last
 * batch it committed: every row of the file becomes exactly one customer,
 * none twice, none lost. On the engine under test, through real processes.
 */
const ROWS = 2_500

let dataDir: string
let databaseUrl: string | undefined
let closeDatabase: (() => Promise<void>) | undefined
let server: ChildProcess | undefined

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-import-'))
  if (testEngine === 'postgres') {
    const database = await createTestDatabase()
    databaseUrl = database.url
    closeDatabase = database.close
  }
})
afterAll(async () => {
  if (server) await stopServer(server)
  await closeDatabase?.()
  await rm(dataDir, { recursive: true, force: true })
})

function fileOfRows(): string {
  const lines = ['姓名,手机号,身份证号码']
  for (let i = 0; i < ROWS; i++) {
    lines.push(`导入客户${i},137${String(i).padStart(8, '0')},${idNumberOf(20_000 + i)}`)
  }
  return `${lines.join('\n')}\n`
}

async function signIn(base: string): Promise<string> {
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'import.manager', password: STRONG_PASSWORD }),
  })
  expect(login.status).toBe(200)
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

describe(`an import survives the server being killed (${testEngine})`, () => {
  it('resumes after the last committed batch: every row one customer, none twice, none lost', async () => {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}/api/v1`
    const env = embeddedEnv({
      CUSTODIA_DATA_DIR: dataDir,
      PORT: String(port),
      CUSTODIA_MFA_REQUIRED_ROLES: '',
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    })
    // On the embedded database, from a copy of a directory `custodia migrate` set up.
    if (!databaseUrl) await setUpDataDir(env)
    await addAccountByCommand(env, {
      username: 'import.manager',
      role: 'manager',
      department: '零售业务部',
    })
    server = await startHealthyServer(env, port)
    let cookie = await signIn(base)
    const job = async (id: string) => {
      const response = await fetch(`${base}/imports/${id}`, { headers: { cookie } })
      expect(response.status).toBe(200)
      return (await response.json()) as {
        state: string
        progress: { done: number; total: number | null }
        counts: Record<string, number>
      }
    }

    const form = importForm(
      { name: 'customers.csv', bytes: fileOfRows() },
      { mapping: ['name', 'mobile', 'idNumber'] },
    )
    const uploaded = await fetch(`${base}/imports`, {
      method: 'POST',
      headers: { cookie, ...form.headers },
      body: new Uint8Array(form.payload),
    })
    expect(uploaded.status).toBe(201)
    const { id } = (await uploaded.json()) as { id: string }
    while ((await job(id)).state === 'validating') await setTimeout(100)
    expect(await job(id)).toMatchObject({ state: 'ready', counts: { create: ROWS } })

    const run = await fetch(`${base}/imports/${id}/run`, { method: 'POST', headers: { cookie } })
    expect(run.status).toBe(200)
    // Killed once the first batch committed and before the last.
    for (;;) {
      const { progress } = await job(id)
      if (progress.done > 0) break
      await setTimeout(20)
    }
    server.kill('SIGKILL')
    await exited(server)
    const interrupted = (await job(id).catch(() => undefined)) ?? undefined
    expect(interrupted).toBeUndefined()

    server = await startHealthyServer(env, port)
    cookie = await signIn(base)
    const resumedFrom = (await job(id)).progress.done
    expect(resumedFrom).toBeGreaterThan(0)
    expect(resumedFrom).toBeLessThan(ROWS)
    while ((await job(id)).state === 'importing') await setTimeout(200)
    expect(await job(id)).toMatchObject({
      state: 'done',
      progress: { done: ROWS, total: ROWS },
      counts: { created: ROWS },
    })

    // The customer list, page by page: exactly one customer per row.
    let count = 0
    let cursor: string | undefined
    do {
      const page = await fetch(
        `${base}/customers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { cookie } },
      )
      const body = (await page.json()) as { items: unknown[]; nextCursor: string | null }
      count += body.items.length
      cursor = body.nextCursor ?? undefined
    } while (cursor)
    expect(count).toBe(ROWS)
  })
})
