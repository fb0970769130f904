/**
 * Sign-in and /api/v1/me throughput over real HTTP on loopback, against a
 * bare Fastify route measured in the same run (ACC-4, UI-2). Sign-in is slow
 * on purpose: argon2id with the OWASP parameters is the point of it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import Fastify, { type FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { NO_REQUEST } from '../src/audit/audit-log.js'
import { type DatabaseHandle, openPGlite, openPostgres } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createAccount } from '../src/modules/accounts/accounts.service.js'
import { benchDeps } from './bench-deps.js'

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
  await createAccount(
    deps,
    NO_REQUEST,
    { type: 'system', name: 'bench' },
    {
      username: 'bench.agent',
      displayName: 'bench',
      roles: ['agent'],
      password: PASSWORD,
    },
  )
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

  const dir = await mkdtemp(path.join(tmpdir(), 'custodia-bench-'))
  const embedded = await openPGlite(path.join(dir, 'pgdata'))
  try {
    print('PGlite (embedded, on disk)', await benchEngine(embedded, bare, bareUrl))
  } finally {
    await embedded.close()
    await rm(dir, { recursive: true, force: true })
  }
  const serverUrl = process.env.BENCH_DATABASE_URL
  if (serverUrl) {
    const name = `custodia_bench_auth_${process.pid}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const target = new URL(serverUrl)
    target.pathname = `/${name}`
    const server = await openPostgres(target.toString(), 20)
    try {
      print('PostgreSQL', await benchEngine(server, bare, bareUrl))
    } finally {
      await server.close()
      await admin.query(`drop database ${name} with (force)`)
      await admin.end()
    }
  } else {
    console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL)')
  }
  await bareApp.close()
  console.log(
    '\nSign-in verifies an argon2id hash (19 MiB, 2 passes) per request: slow by design, bounded by CPU.',
  )
}
