import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll } from 'vitest'
import { buildApp } from '../src/app.js'
import { openPostgres } from '../src/db/database.js'
import { ManualClock } from '../src/platform/clock.js'
import type { AppDeps } from '../src/platform/deps.js'
import { scratchDeps } from '../src/platform/scratch-deps.js'
import { newMasterKey } from '../src/security/master-key.js'
import { createTestDatabase } from './test-database.js'

export type TestApp = {
  app: FastifyInstance
  deps: AppDeps
  clock: ManualClock
  /** Every log line the app wrote, for tests that look for leaks. */
  logs: string[]
  /** The PostgreSQL database the app runs on (undefined on PGlite, which one process owns). */
  databaseUrl?: string
  masterKey: Buffer
}

/**
 * The real app on a fresh database, with a clock the test controls. Closed
 * after the file's tests. Two-factor is not required unless a test asks.
 * Entry review (CUS-4) is off unless a test asks for it (`entryReview`):
 * the product's default is that every new record is reviewed, and the
 * tests of everything else run as a company that has switched it off (a
 * hotel front desk), so that a record is active the moment it is entered.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { masterKey?: Buffer; entryReview?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase()
  const clock = new ManualClock()
  // A data directory of its own: the destruction ledger lives there.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-test-'))
  const masterKey = options.masterKey ?? newMasterKey()
  const deps = await scratchDeps(
    database.db,
    // The suite under test, when a test project names one.
    {
      CUSTODIA_CIPHER_SUITE: process.env.CUSTODIA_CIPHER_SUITE,
      CUSTODIA_DATA_DIR: dataDir,
      ...env,
    },
    { clock, masterKey },
  )
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp(deps, { logStream, logLevel: 'debug' })
  if (!options.entryReview) await entryReviewOff(deps)
  afterAll(async () => {
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  return { app, deps, clock, logs, masterKey, ...(database.url && { databaseUrl: database.url }) }
}

/**
 * A second server on the PostgreSQL database of `first`, as a second
 * process of one installation would be: its own pool and caches, the same
 * keys and clock. Closed after the file's tests.
 */
export async function createPeerApp(first: TestApp): Promise<TestApp> {
  if (!first.databaseUrl) throw new Error('a peer server needs a PostgreSQL database')
  const handle = await openPostgres(first.databaseUrl, 5)
  const deps = await scratchDeps(
    handle.db,
    {
      CUSTODIA_DATA_DIR: first.deps.config.dataDir,
      CUSTODIA_CIPHER_SUITE: first.deps.config.cipherSuite,
    },
    { clock: first.clock, masterKey: first.masterKey },
  )
  const app = await buildApp(deps)
  afterAll(async () => {
    await app.close()
    await handle.close()
  })
  return { ...first, app, deps }
}

/** A request as a browser would send it, with an optional session cookie. */
export function call(
  app: FastifyInstance,
  options: InjectOptions & { cookie?: string; token?: string },
): Promise<LightMyRequestResponse> {
  const { cookie, token, headers, ...rest } = options
  return app.inject({
    ...rest,
    headers: {
      ...(cookie ? { cookie: `custodia_session=${cookie}` } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
  })
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'custodia_session')
  if (!cookie)
    throw new Error(`No session cookie in a ${response.statusCode} response: ${response.body}`)
  return cookie.value
}

/** The company-wide rule of CUS-4 switched off, as an administrator can (docs/entry-review.md). */
async function entryReviewOff(deps: AppDeps): Promise<void> {
  await deps.db
    .updateTable('entry_review_rules')
    .set({ required: false })
    .where('department_id', 'is', null)
    .where('source', 'is', null)
    .execute()
}
