import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll } from 'vitest'
import { buildApp } from '../src/app.js'
import { ManualClock } from '../src/platform/clock.js'
import type { AppDeps } from '../src/platform/deps.js'
import { scratchDeps } from '../src/platform/scratch-deps.js'
import { createTestDatabase } from './test-database.js'

export type TestApp = {
  app: FastifyInstance
  deps: AppDeps
  clock: ManualClock
  /** Every log line the app wrote, for tests that look for leaks. */
  logs: string[]
}

/**
 * The real app on a fresh database, with a clock the test controls. Closed
 * after the file's tests. Two-factor is not required unless a test asks.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { masterKey?: Buffer } = {},
): Promise<TestApp> {
  const database = await createTestDatabase()
  const clock = new ManualClock()
  // A data directory of its own: the destruction ledger lives there.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-test-'))
  const deps = await scratchDeps(
    database.db,
    // The suite under test, when a test project names one.
    {
      CUSTODIA_CIPHER_SUITE: process.env.CUSTODIA_CIPHER_SUITE,
      CUSTODIA_DATA_DIR: dataDir,
      ...env,
    },
    { clock, ...(options.masterKey && { masterKey: options.masterKey }) },
  )
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp(deps, { logStream, logLevel: 'debug' })
  afterAll(async () => {
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
  })
  return { app, deps, clock, logs }
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
