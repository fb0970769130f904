/**
 * Protected customer records against a plain table (CLS-2, CLS-5, ACC-2):
 * bulk create, get (masked), reveal and search by mobile, each next to the
 * same operation on an unencrypted table with the same columns and indexes,
 * measured in the same run on the same database.
 */
import autocannon from 'autocannon'
import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { buildApp } from '../src/app.js'
import type { DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createCustomers } from '../src/modules/customers/create-customers.js'
import type { CreateCustomerInput } from '../src/modules/customers/customers.schemas.js'
import { BENCH_PASSWORD, benchCall, benchDeps, benchManager } from './bench-deps.js'
import { type CpuSplit, cpuPerRequest, cpuSnapshot } from './cpu-time.js'
import { onEachEngine } from './engines.js'

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2)
/** Issue 15: a PostgreSQL server under 50 connections; the embedded default a newcomer runs, under 10. */
const CONNECTIONS = { PostgreSQL: 50, PGlite: 10 }
const BATCH = 1000

type Row = {
  scenario: string
  ours: number
  oursP99?: number
  baseline: number
  baselineP99?: number
  /** The ratio issue 15 asks for at least. */
  target?: number
  /** The p99 it asks for at most, as a multiple of the plain route's p99 or in ms. */
  p99Target?: { timesPlain: number } | { ms: number }
  /** The "plain" columns hold another load run beside it, not a baseline: no ratio. */
  beside?: true
  /** CPU per request of each side, where the machine tells. */
  oursCpu?: CpuSplit
  baselineCpu?: CpuSplit
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + Math.floor(i / 1000) * 86_400_000)
  const body = `110105${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`
  const sum = ID_WEIGHTS.reduce((total, w, k) => total + w * Number(body[k]), 0)
  return body + ('10X98765432'[sum % 11] as string)
}
const mobile = (i: number) => `139${String(i).padStart(8, '0')}`
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'

export function customer(i: number): CreateCustomerInput {
  return {
    kind: 'individual',
    name: `${SURNAMES[i % SURNAMES.length]}${'明华强芳敏静丽军'[i % 8]}${'一二三四五六七八九十'[i % 10]}`,
    gender: i % 2 ? 'male' : 'female',
    idType: 'resident_id',
    idNumber: idNumber(i),
    mobile: mobile(i),
    email: `customer${i}@example.com`,
    address: `北京市海淀区中关村大街${i}号`,
    employer: '某某科技有限公司',
    income: 100_000 + i,
    assets: 1_000_000 + i,
    bankCards: [`62220212${String(i).padStart(11, '0')}`],
    grade: 'general',
    source: 'visit',
  }
}

async function load(
  name: string,
  options: autocannon.Options & { connections: number },
): Promise<{ rps: number; p99: number; cpu?: CpuSplit }> {
  // Both sides first run a while unmeasured: a short run would otherwise
  // measure V8 compiling the route and the database connections warming up.
  await autocannon({ duration: WARMUP_SECONDS, workers: 1, ...options })
  // The load runs in a worker thread, so that it does not share the server's event loop.
  const before = cpuSnapshot()
  const result = await autocannon({
    duration: SECONDS,
    workers: 1,
    ...options,
  })
  const cpu = cpuPerRequest(before, cpuSnapshot(), result.requests.total)
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  }
  return { rps: result.requests.average, p99: result.latency.p99, ...(cpu && { cpu }) }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  return `http://127.0.0.1:${address.port}`
}

/** The baseline: the same customers as plain columns, indexed like our blind index. */
async function createPlainTable(handle: DatabaseHandle): Promise<void> {
  await sql`create table bench_plain_customers (
    id uuid primary key, kind text, owner_id uuid, department_id uuid, created_at timestamptz,
    name text, gender text, id_type text, id_number text, mobile text, email text, address text,
    employer text, income numeric, assets numeric, bank_cards text[], grade text, source text)`.execute(
    handle.db,
  )
  // As customers_department_page_idx serves our list page.
  await sql`create index bench_plain_page_idx on bench_plain_customers (department_id, created_at desc, id desc)`.execute(
    handle.db,
  )
  for (const column of ['mobile', 'id_number', 'email']) {
    await sql`create index ${sql.raw(`bench_plain_${column}_idx`)} on bench_plain_customers (${sql.raw(column)})`.execute(
      handle.db,
    )
  }
}

async function insertPlain(
  handle: DatabaseHandle,
  from: number,
  to: number,
  owner: string,
  department: string,
) {
  const rows = []
  for (let i = from; i < to; i++) {
    const c = customer(i) as Extract<CreateCustomerInput, { kind: 'individual' }>
    rows.push(sql`(gen_random_uuid(), 'individual', ${owner}, ${department}, now(), ${c.name}, ${c.gender}, ${c.idType},
      ${c.idNumber}, ${c.mobile}, ${c.email}, ${c.address}, ${c.employer}, ${c.income}, ${c.assets}, ${c.bankCards}, ${c.grade}, ${c.source})`)
  }
  await sql`insert into bench_plain_customers values ${sql.join(rows)}`.execute(handle.db)
}

/** Runs `work` over [0, CUSTOMERS) in batches, two at a time. */
async function inBatches(work: (from: number, to: number) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < CUSTOMERS) {
      const from = next
      next = Math.min(next + BATCH, CUSTOMERS)
      await work(from, next)
    }
  }
  await Promise.all([lane(), lane()])
}

async function benchEngine(handle: DatabaseHandle, engine: string): Promise<Row[]> {
  const connections = engine.startsWith('PGlite') ? CONNECTIONS.PGlite : CONNECTIONS.PostgreSQL
  const embedded = engine.startsWith('PGlite')
  await migrateToLatest(handle.db)
  const deps = await benchDeps(handle.db, { CUSTODIA_REVEAL_RATE_LIMIT: '100000000' })
  const { principal, departmentId } = await benchManager(deps)
  const account = { id: principal.accountId }
  const department = { id: departmentId }
  await createPlainTable(handle)

  // Two batches in flight, as an import would run: one is sealed while the other is written.
  let started = performance.now()
  await inBatches(async (from, to) => {
    const batch = Array.from({ length: to - from }, (_, k) => customer(from + k))
    await createCustomers(benchCall(deps, principal), batch)
  })
  const ours = CUSTOMERS / ((performance.now() - started) / 1000)
  started = performance.now()
  await inBatches((from, to) => insertPlain(handle, from, to, account.id, department.id))
  const plain = CUSTOMERS / ((performance.now() - started) / 1000)
  const rows: Row[] = [
    {
      scenario: `bulk create ${CUSTOMERS.toLocaleString('en-US')} (customers/s)`,
      ours,
      baseline: plain,
      target: 0.2,
    },
  ]

  await sql`analyze`.execute(handle.db)
  const ids = (await handle.db.selectFrom('customers').select('id').limit(5000).execute()).map(
    (r) => r.id,
  )
  const plainIds = (
    await sql<{ id: string }>`select id from bench_plain_customers limit 5000`.execute(handle.db)
  ).rows.map((r) => r.id)
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T
  const anyMobile = () => mobile(Math.floor(Math.random() * CUSTOMERS))
  const anyIdNumber = () => idNumber(Math.floor(Math.random() * CUSTOMERS))

  const app = await buildApp(deps)
  const url = await listen(app)
  const bare = Fastify()
  bare.get<{ Params: { id: string } }>(
    '/plain/:id',
    async (request) =>
      (
        await sql`select * from bench_plain_customers where id = ${request.params.id}`.execute(
          handle.db,
        )
      ).rows[0],
  )
  bare.post<{ Params: { id: string } }>(
    '/plain/:id/reveal',
    async (request) =>
      (
        await sql`select id_number, bank_cards from bench_plain_customers where id = ${request.params.id}`.execute(
          handle.db,
        )
      ).rows[0],
  )
  // The console's list: the columns it shows, the same on both sides.
  bare.get('/plain/listed', async () => {
    return (
      await sql`select id, kind, owner_id, department_id, created_at, name, mobile, grade, source
        from bench_plain_customers where department_id = ${department.id}
        order by created_at desc, id desc limit 50`.execute(handle.db)
    ).rows
  })
  bare.get<{ Querystring: { mobile?: string; idNumber?: string } }>('/plain', async (request) => {
    const { mobile, idNumber } = request.query
    if (mobile) {
      return (
        await sql`select * from bench_plain_customers where mobile = ${mobile}`.execute(handle.db)
      ).rows
    }
    if (idNumber) {
      return (
        await sql`select * from bench_plain_customers where id_number = ${idNumber}`.execute(
          handle.db,
        )
      ).rows
    }
    return (
      await sql`select * from bench_plain_customers where department_id = ${department.id}
        order by created_at desc, id desc limit 50`.execute(handle.db)
    ).rows
  })
  const bareUrl = await listen(bare)
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench.manager', password: BENCH_PASSWORD }),
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const scenario = async (
      name: string,
      ours: autocannon.Options,
      baseline: autocannon.Options,
      targets: Pick<Row, 'target' | 'p99Target'>,
    ) => {
      const a = await load(name, {
        ...ours,
        connections,
        headers: { cookie, 'content-type': 'application/json' },
      })
      const b = await load(`${name} (plain)`, {
        ...baseline,
        connections,
        headers: { 'content-type': 'application/json' },
      })
      rows.push({
        scenario: `${name} (req/s)`,
        ours: a.rps,
        oursP99: a.p99,
        baseline: b.rps,
        baselineP99: b.p99,
        ...targets,
        ...(a.cpu && { oursCpu: a.cpu }),
        ...(b.cpu && { baselineCpu: b.cpu }),
      })
    }
    const revealBody = JSON.stringify({ fields: ['idNumber', 'bankCards'], purpose: 'service' })
    // Plain request lists (a worker cannot take functions): each client walks them in turn.
    const paths = (count: number, path: () => string) => Array.from({ length: count }, path)
    const many = (method: 'GET' | 'POST', list: string[], body?: string) =>
      list.map((path) => ({ method, path, ...(body && { body }) }))
    const N = 2000
    await scenario(
      'get, masked',
      {
        url,
        requests: many(
          'GET',
          paths(N, () => `/api/v1/customers/${pick(ids)}`),
        ),
      },
      {
        url: bareUrl,
        requests: many(
          'GET',
          paths(N, () => `/plain/${pick(plainIds)}`),
        ),
      },
      embedded ? { p99Target: { ms: 100 } } : { target: 0.5, p99Target: { timesPlain: 3 } },
    )
    await scenario(
      'reveal idNumber + bankCards',
      {
        url,
        requests: many(
          'POST',
          paths(N, () => `/api/v1/customers/${pick(ids)}/reveal`),
          revealBody,
        ),
      },
      {
        url: bareUrl,
        requests: many(
          'POST',
          paths(N, () => `/plain/${pick(plainIds)}/reveal`),
          '{}',
        ),
      },
      embedded ? {} : { target: 0.35 },
    )
    // The same query parameter on both sides: an exact search on a blind index against a plain index.
    for (const [name, param, any] of [
      ['search by mobile', 'mobile', anyMobile],
      ['search by ID number', 'idNumber', anyIdNumber],
    ] as const) {
      await scenario(
        name,
        {
          url,
          requests: many(
            'GET',
            paths(N, () => `/api/v1/customers?${param}=${any()}`),
          ),
        },
        {
          url: bareUrl,
          requests: many(
            'GET',
            paths(N, () => `/plain?${param}=${any()}`),
          ),
        },
        embedded ? {} : { target: 0.5 },
      )
    }
    await scenario(
      'a page of 50, masked',
      { url, requests: many('GET', ['/api/v1/customers?limit=50']) },
      { url: bareUrl, requests: many('GET', ['/plain']) },
      embedded ? {} : { target: 0.4 },
    )
    await scenario(
      'a page of 50 as the console lists it',
      { url, requests: many('GET', ['/api/v1/customers?limit=50&fields=name,mobile']) },
      { url: bareUrl, requests: many('GET', ['/plain/listed']) },
      embedded ? {} : { target: 0.4 },
    )
    if (embedded) {
      // The embedded engine answers one statement at a time: a client asking
      // for its own account while pages of 50 load must not wait long behind them.
      const pages = load('pages of 50, the long requests', {
        url,
        connections,
        requests: many('GET', ['/api/v1/customers?limit=50']),
        headers: { cookie },
      })
      const me = await load('/me beside them', {
        url,
        connections: 1,
        requests: many('GET', ['/api/v1/me']),
        headers: { cookie },
      })
      const alone = await pages
      rows.push({
        scenario: '/me, 1 client, beside the pages',
        ours: me.rps,
        oursP99: me.p99,
        baseline: alone.rps,
        baselineP99: alone.p99,
        p99Target: { ms: 100 },
        beside: true,
      })
    }
  } finally {
    await app.close()
    await bare.close()
  }
  return rows
}

function print(engine: string, rows: Row[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  const ms = (n: number | undefined) => (n === undefined ? '' : `${n} ms`)
  console.log(`\n${engine}`)
  console.log(
    `  ${'scenario'.padEnd(36)} ${'ours'.padStart(9)} ${'p99'.padStart(8)} ${'plain'.padStart(9)} ${'p99'.padStart(7)}  ${'ratio'.padStart(6)}  target (issue 15)`,
  )
  for (const row of rows) {
    const ratio = row.ours / row.baseline
    const shownRatio = row.beside ? '(pages)' : `${ratio.toFixed(3)}×`
    console.log(
      `  ${row.scenario.padEnd(36)} ${fmt(row.ours).padStart(9)} ${ms(row.oursP99).padStart(8)} ${fmt(row.baseline).padStart(9)} ${ms(row.baselineP99).padStart(7)}  ${shownRatio.padStart(6)}  ${verdict(row, ratio)}`,
    )
  }
  printCpu(rows)
}

/** Whose work each request cost, ours beside plain: the profile of a missed ratio. */
function printCpu(rows: Row[]): void {
  const measured = rows.filter((row) => row.oursCpu && row.baselineCpu)
  if (measured.length === 0) return
  const us = (n: number) => `${Math.round(n)}`.padStart(6)
  const split = (cpu: CpuSplit) =>
    `${us(cpu.server)} ${us(cpu.database)} ${us(cpu.otherThreads)} ${us(cpu.server + cpu.database + cpu.otherThreads)}`
  const head = `${'server'.padStart(6)} ${'db'.padStart(6)} ${'others'.padStart(6)} ${'total'.padStart(6)}`
  console.log(
    '\n  CPU µs per request — server: its main thread (on PGlite, the engine too); db: the PostgreSQL processes; others: the load generator, V8 helpers and the thread pool',
  )
  console.log(`  ${''.padEnd(36)} ${'ours'.padEnd(27)}   ${'plain'.padEnd(27)}  plain/ours`)
  console.log(`  ${''.padEnd(36)} ${head}   ${head}`)
  for (const row of measured) {
    const ours = row.oursCpu as CpuSplit
    const plain = row.baselineCpu as CpuSplit
    const total = (cpu: CpuSplit) => cpu.server + cpu.database + cpu.otherThreads
    console.log(
      `  ${row.scenario.padEnd(36)} ${split(ours)}   ${split(plain)}  ${(total(plain) / total(ours)).toFixed(3)}×`,
    )
  }
}

/** Each target of the row, and whether this run met it. */
function verdict(row: Row, ratio: number): string {
  const parts: string[] = []
  if (row.target !== undefined) {
    parts.push(`≥ ${row.target}× ${ratio >= row.target ? 'met' : 'MISSED'}`)
  }
  if (row.p99Target && row.oursP99 !== undefined) {
    const limit =
      'ms' in row.p99Target
        ? row.p99Target.ms
        : row.p99Target.timesPlain * Math.max(row.baselineP99 ?? 0, 1)
    const label =
      'ms' in row.p99Target ? `p99 < ${limit} ms` : `p99 ≤ ${row.p99Target.timesPlain}× plain`
    parts.push(`${label} ${row.oursP99 <= limit ? 'met' : 'MISSED'}`)
  }
  return parts.join(', ')
}

export async function benchCustomers(): Promise<void> {
  console.log(
    `\nCustomer records: ${CUSTOMERS.toLocaleString('en-US')} customers; HTTP scenarios ${CONNECTIONS.PostgreSQL} connections on PostgreSQL, ${CONNECTIONS.PGlite} on PGlite, × ${SECONDS} s; baseline = the same data in a plain table with the same indexes, served by a bare Fastify route`,
  )
  await onEachEngine('customers', async (handle, engine) =>
    print(engine, await benchEngine(handle, engine)),
  )
}
