import autocannon from 'autocannon'
import Fastify, { type FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import type { DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createAccount } from '../src/modules/accounts/accounts.service.js'
import { systemCall } from '../src/platform/http/call.js'
import { benchDeps } from './bench-deps.js'
import { onEachEngine } from './engines.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 10
const PASSWORD = 'Bench-Password-42'

type Result = { name: string; rps: number; p50: number; p99: number }

async function load(name: string, options: autocannon.Options): Promise<Result> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return `http://127.0.0.1:${address.port}`
}

async function benchEngine(
  handle: DatabaseHandle,
  bare: Result,
  bareUrl: string,
): Promise<Result[]> {
  await migrateToLatest(handle.db)
  // The benchmark signs in thousands of times from one address.
  const deps = await benchDeps(handle.db, { CUSTODIA_SIGNIN_RATE_LIMIT: '100000000' })
  await createAccount(systemCall(deps, { type: 'system', name: 'bench' }), {
    username: 'bench.agent',
    displayName: 'bench',
    roles: ['agent'],
    password: PASSWORD,
    // The benchmark is the account's holder: no forced change at sign-in (ACC-4).
    passwordChosenByHolder: true,
  })
  const app = await buildApp(deps)
  const url = await listen(app)
  try {
    const body = JSON.stringify({ username: 'bench.agent', password: PASSWORD })
    const signIn = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    void bareUrl
    return [
      bare,
      await load('GET /api/v1/me (session)', { url: `${url}/api/v1/me`, headers: { cookie } }),
      await load('POST /api/v1/auth/login', {
        url: `${url}/api/v1/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    ]
  } finally {
    await app.close()
  }
}

function print(engine: string, rows: Result[]): void {
  const bare = rows[0]?.rps ?? 1
  console.log(`\n${engine}`)
  console.log(
    `  ${'scenario'.padEnd(30)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  vs bare`,
  )
  for (const row of rows) {
    const rps = Math.round(row.rps).toLocaleString('en-US')
    console.log(
      `  ${row.name.padEnd(30)} ${rps.padStart(9)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)}  ${(row.rps / bare).toFixed(3)}×`,
    )
  }
}

export async function benchAuth(): Promise<void> {
  console.log(
    `\nSign-in and /me over HTTP: ${CONNECTIONS} connections, ${SECONDS} s per scenario; baseline = a bare Fastify route`,
  )
  const bareApp = Fastify()
  bareApp.get('/bare', async () => ({ status: 'ok' }))
  const bareUrl = await listen(bareApp)
  const bare = await load('GET /bare (bare Fastify)', { url: `${bareUrl}/bare` })

  await onEachEngine('auth', async (handle, engine) =>
    print(engine, await benchEngine(handle, bare, bareUrl)),
  )
  await bareApp.close()
  console.log(
    '\nSign-in verifies an argon2id hash (19 MiB, 2 passes) per request: slow by design, bounded by CPU.',
  )
}
