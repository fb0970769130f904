import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll } from 'vitest'
import { buildApp } from '../src/app.js'
import { ephemeralSigner } from '../src/audit/signing-key.js'
import { type Config, loadConfig } from '../src/config.js'
import { ManualClock } from '../src/platform/clock.js'
import type { AppDeps } from '../src/platform/deps.js'
import { loadKeyring } from '../src/security/keys/keyring.js'
import { createFileKeyProvider } from '../src/security/keys/master-key-provider.js'
import { createSecretBox } from '../src/security/secret-box.js'
import { createVault } from '../src/security/vault.js'
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
  const config: Config = loadConfig({
    CUSTODIA_DATA_DIR: '/nonexistent',
    CUSTODIA_MFA_REQUIRED_ROLES: '',
    // The suite under test, when a test project names one.
    ...(process.env.CUSTODIA_CIPHER_SUITE && {
      CUSTODIA_CIPHER_SUITE: process.env.CUSTODIA_CIPHER_SUITE,
    }),
    ...env,
  })
  const masterKey = options.masterKey ?? randomBytes(32)
  const keyring = await loadKeyring(
    database.db,
    (suite) => createFileKeyProvider(suite, masterKey),
    config.cipherSuite,
  )
  const deps: AppDeps = {
    config,
    db: database.db,
    clock,
    secrets: createSecretBox(masterKey),
    auditSigner: ephemeralSigner(),
    vault: createVault(keyring),
  }
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
