/**
 * The import of customers from a file (issue 18 §1, DQ-3) end to end —
 * upload (the file stored sealed), dry run (every row parsed, checked and
 * looked up), run (every row judged again, its customer sealed, indexed,
 * registered and audited) — against loading the same rows into a plain
 * table with the same columns, in the same run on the same database.
 *
 * Ours goes through the service functions the routes run: uploadImport
 * (the file streamed from disk as the multipart part streams), setMapping
 * (which starts the dry run in the background, as the route does), then
 * runImportJob (the run), each waited for until the job leaves its busy
 * state; then the audit sealer links the run's events into the chain
 * (AUD-2), which a server does beside its requests. The server's memory (rss, heap) is sampled every 200 ms.
 *
 * The baseline reads the same CSV file and inserts its rows with
 * multi-row INSERTs of 1,000 (pg-copy-streams is not a dependency, so
 * COPY FROM STDIN is not available to the client); on PostgreSQL it also
 * measures `COPY … FROM '<file>'` read by the server itself when the
 * database server can read the file (a server on this machine, run as a
 * superuser), which is what COPY costs without a client in between.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { sealAll } from '../src/audit/sealer.js'
import type { Database, DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import type { CreateCustomerInput } from '../src/modules/customers/customers.schemas.js'
import { runImportStep } from '../src/modules/imports/import-runner.js'
import { findImport } from '../src/modules/imports/imports.repository.js'
import { runImportJob, setMapping, uploadImport } from '../src/modules/imports/imports.service.js'
import type { AppDeps } from '../src/platform/deps.js'
import type { Call } from '../src/platform/http/call.js'
import { benchCall, benchDeps, benchManager } from './bench-deps.js'
import { type CpuSplit, cpuSnapshot } from './cpu-time.js'
import { customer } from './customers.bench.js'
import { onEachEngine } from './engines.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000)
const INSERT_BATCH = 1000
const SAMPLE_MS = 200
/** The issue's figure: rows per second of the import end to end, on PostgreSQL. */
const TARGET_ROWS_PER_SECOND = 10_000
const MEMORY_LIMIT = 2 ** 30

const HEADER = '姓名,手机号,身份证号码,电子邮箱,地址'
const MAPPING = ['name', 'mobile', 'idNumber', 'email', 'address']

type Individual = Extract<CreateCustomerInput, { kind: 'individual' }>

/** Row `i` of the file: the same values the other benchmarks' customers have. */
function line(i: number): string {
  const c = customer(i) as Individual
  return `${c.name},${c.mobile},${c.idNumber},${c.email},${c.address}`
}

/** The CSV file of ROWS rows, written as a stream (never whole in memory). */
async function writeCsv(file: string): Promise<number> {
  const out = createWriteStream(file)
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((ok) => out.once('drain', ok))
  await write(`${HEADER}\n`)
  let chunk: string[] = []
  for (let i = 0; i < ROWS; i++) {
    chunk.push(line(i))
    if (chunk.length === 1000) {
      await write(`${chunk.join('\n')}\n`)
      chunk = []
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`)
  await new Promise<void>((ok, fail) =>
    out.end((error?: Error | null) => (error ? fail(error) : ok())),
  )
  return (await stat(file)).size
}

/** The highest rss and heap seen while `work` runs, sampled every 200 ms. */
async function peakMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; rss: number; heap: number }> {
  let rss = 0
  let heap = 0
  const sample = () => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapUsed)
  }
  sample()
  const timer = setInterval(sample, SAMPLE_MS)
  try {
    const result = await work()
    sample()
    return { result, rss, heap }
  } finally {
    clearInterval(timer)
  }
}

/** Waits for the job to leave `busy` (the step runs in the background, as the route starts it). */
async function settled(deps: AppDeps, id: string, busy: string) {
  // The step the service started is already running; this call returns at once then.
  await runImportStep(deps, id)
  for (;;) {
    const job = await findImport(deps.db, id)
    if (!job) throw new Error('the import is gone')
    if (job.state !== busy) return job
    await sleep(100)
  }
}

type Phase = {
  name: string
  seconds: number
  rss: number
  heap: number
  cpu?: CpuSplit
}

/** CPU seconds between two snapshots (100 ticks a second on Linux). */
function cpuBetween(before?: CpuSplit, after?: CpuSplit): CpuSplit | undefined {
  if (!before || !after) return undefined
  const s = (k: keyof CpuSplit) => (after[k] - before[k]) / 100
  return { server: s('server'), otherThreads: s('otherThreads'), database: s('database') }
}

/** The PostgreSQL database under test, when its server runs on this machine. */
let serverDb: Database | undefined

/**
 * CPU ticks of the server processes serving this benchmark's database
 * alone, by process id: on a machine shared with other work, every
 * PostgreSQL process's ticks (cpu-time.ts) would count others' queries too.
 */
async function backendTicks(): Promise<Map<number, number> | undefined> {
  if (!serverDb) return undefined
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database()`.execute(serverDb)
  const ticks = new Map<number, number>()
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      ticks.set(pid, Number(fields[11]) + Number(fields[12]))
    } catch {
      return undefined // not on this machine
    }
  }
  return ticks
}

async function phase(name: string, work: () => Promise<unknown>): Promise<Phase> {
  const before = cpuSnapshot()
  const backendsBefore = await backendTicks()
  const started = performance.now()
  const { rss, heap } = await peakMemory(work)
  const seconds = (performance.now() - started) / 1000
  const backendsAfter = await backendTicks()
  const cpu = cpuBetween(before, cpuSnapshot())
  if (cpu && backendsBefore && backendsAfter) {
    let ticks = 0
    for (const [pid, t] of backendsAfter) ticks += t - (backendsBefore.get(pid) ?? 0)
    cpu.database = ticks / 100
  }
  return { name, seconds, rss, heap, ...(cpu && { cpu }) }
}

const call = (deps: AppDeps, principal: Call['principal']): Call => benchCall(deps, principal)

async function ours(deps: AppDeps, principal: Call['principal'], file: string) {
  let id = ''
  const upload = await phase('upload (stored sealed)', async () => {
    id = await uploadImport(call(deps, principal), {
      fileName: 'bench-customers.csv',
      stream: createReadStream(file),
      options: { kind: 'individual', duplicates: 'skip' },
    })
  })
  let counts: Record<string, number> = {}
  const dryRun = await phase('dry run (parse, check, look up)', async () => {
    await setMapping(call(deps, principal), id, { mapping: MAPPING })
    const job = await settled(deps, id, 'validating')
    if (job.state !== 'ready') throw new Error(`dry run ended ${job.state} ${job.failure ?? ''}`)
    counts = job.counts
  })
  if (counts.create !== ROWS) throw new Error(`dry run: ${JSON.stringify(counts)}`)
  const run = await phase('run (judge, seal, index, audit)', async () => {
    await runImportJob(call(deps, principal), id)
    const job = await settled(deps, id, 'importing')
    if (job.state !== 'done') throw new Error(`run ended ${job.state} ${job.failure ?? ''}`)
    counts = job.counts
  })
  if (counts.created !== ROWS) throw new Error(`run: ${JSON.stringify(counts)}`)
  // The audit events the run wrote, linked into the hash chain and signed by the sealer, which
  // runs beside the server's requests (AUD-2): its share of the import's cost, counted here.
  let sealedEvents = 0
  const sealing = await phase('audit sealing (the sealer job)', async () => {
    sealedEvents = await sealAll(deps.db, deps.auditSigner, deps.clock)
  })
  if (sealedEvents < ROWS) throw new Error(`sealed ${sealedEvents} audit events`)
  return [upload, dryRun, run, sealing]
}

async function createPlainTable(handle: DatabaseHandle, table: string): Promise<void> {
  await sql`create table ${sql.raw(table)} (
    name text, mobile text, id_number text, email text, address text)`.execute(handle.db)
}

/** The baseline: the same file read line by line, its rows inserted 1,000 to a statement. */
async function insertPlain(handle: DatabaseHandle, file: string): Promise<number> {
  let rows: string[][] = []
  let count = 0
  const flush = async () => {
    if (rows.length === 0) return
    const values = rows.map((r) => sql`(${sql.join(r)})`)
    await sql`insert into plain_customers values ${sql.join(values)}`.execute(handle.db)
    count += rows.length
    rows = []
  }
  let header = true
  for await (const text of createInterface({ input: createReadStream(file) })) {
    if (header) {
      header = false
      continue
    }
    if (text === '') continue
    rows.push(text.split(','))
    if (rows.length === INSERT_BATCH) await flush()
  }
  await flush()
  return count
}

/** COPY read by the database server from the file itself; undefined when the server cannot read it. */
async function copyPlain(handle: DatabaseHandle, file: string): Promise<Phase | undefined> {
  await createPlainTable(handle, 'plain_customers_copy')
  try {
    return await phase('COPY … FROM file (server side)', () =>
      sql`copy plain_customers_copy from ${sql.lit(file)} with (format csv, header true)`.execute(
        handle.db,
      ),
    )
  } catch (error) {
    console.log(`  (COPY from the file: not available here — ${(error as Error).message})`)
    return undefined
  }
}

async function benchEngine(handle: DatabaseHandle, engine: string, file: string) {
  const embedded = engine.startsWith('PGlite')
  serverDb = embedded ? undefined : handle.db
  await migrateToLatest(handle.db)
  const deps = await benchDeps(handle.db)
  const { principal } = await benchManager(deps)
  const atStart = process.memoryUsage()
  const phases = await ours(deps, principal, file)
  await createPlainTable(handle, 'plain_customers')
  let inserted = 0
  const baseline = await phase('INSERT of 1,000 rows at a time', async () => {
    inserted = await insertPlain(handle, file)
  })
  if (inserted !== ROWS) throw new Error(`baseline inserted ${inserted}`)
  const copy = embedded ? undefined : await copyPlain(handle, file)
  serverDb = undefined
  print(engine, { rss: atStart.rss, heap: atStart.heapUsed }, phases, baseline, copy)
}

function print(
  engine: string,
  atStart: { rss: number; heap: number },
  phases: Phase[],
  baseline: Phase,
  copy?: Phase,
) {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  const mib = (n: number) => `${fmt(n / 2 ** 20)} MiB`
  const cpu = (p: Phase) =>
    p.cpu
      ? `${fmt((p.cpu.server * 1e6) / ROWS).padStart(6)} ${fmt((p.cpu.database * 1e6) / ROWS).padStart(6)} ${fmt((p.cpu.otherThreads * 1e6) / ROWS).padStart(6)}`
      : ''
  const endToEnd = phases.reduce((total, p) => total + p.seconds, 0)
  const peakRss = Math.max(...phases.map((p) => p.rss))
  const peakHeap = Math.max(...phases.map((p) => p.heap))
  const rowsPerSecond = ROWS / endToEnd
  console.log(
    `\n${engine} (load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')})`,
  )
  console.log(
    `  ${'phase'.padEnd(36)} ${'s'.padStart(8)} ${'rows/s'.padStart(8)} ${'peak rss'.padStart(10)} ${'peak heap'.padStart(10)}   CPU µs/row: server  db  others`,
  )
  const show = (p: Phase) =>
    console.log(
      `  ${p.name.padEnd(36)} ${p.seconds.toFixed(1).padStart(8)} ${fmt(ROWS / p.seconds).padStart(8)} ${mib(p.rss).padStart(10)} ${mib(p.heap).padStart(10)}   ${cpu(p)}`,
    )
  console.log(
    `  ${'before the upload'.padEnd(36)} ${''.padStart(8)} ${''.padStart(8)} ${mib(atStart.rss).padStart(10)} ${mib(atStart.heap).padStart(10)}`,
  )
  for (const p of phases) show(p)
  console.log(
    `  ${'ours, end to end'.padEnd(36)} ${endToEnd.toFixed(1).padStart(8)} ${fmt(rowsPerSecond).padStart(8)} ${mib(peakRss).padStart(10)} ${mib(peakHeap).padStart(10)}`,
  )
  show(baseline)
  if (copy) show(copy)
  const ratio = (base: Phase) => (rowsPerSecond / (ROWS / base.seconds)).toFixed(3)
  console.log(
    `  ours / INSERT baseline: ${ratio(baseline)}×${copy ? `; ours / COPY: ${ratio(copy)}×` : ''}`,
  )
  console.log(
    '  CPU — server: this process’s main thread (on PGlite, the engine too); db: the PostgreSQL processes of this database; others: this process’s other threads',
  )
  if (!engine.startsWith('PGlite')) {
    // The embedded engine's memory, once opened, stays in the process: BENCH_ENGINES=postgres alone.
    console.log(
      `  target (issue 18): ≥ ${fmt(TARGET_ROWS_PER_SECOND)} rows/s end to end ${rowsPerSecond >= TARGET_ROWS_PER_SECOND ? 'met' : 'MISSED'}; rss < 1 GiB ${peakRss < MEMORY_LIMIT ? 'met' : 'MISSED'} (${mib(peakRss - atStart.rss)} over the rss before the upload)`,
    )
  }
}

export async function benchImports(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custodia-bench-import-'))
  // A database server on this machine running as another user reads the file for its COPY.
  await chmod(dir, 0o755)
  const file = path.join(dir, 'customers.csv')
  try {
    const bytes = await writeCsv(file)
    await chmod(file, 0o644)
    console.log(
      `\nImports: a CSV file of ${ROWS.toLocaleString('en-US')} rows (name, mobile, ID number, e-mail, address; ${Math.round(bytes / 2 ** 20)} MiB), uploaded, dry run, run; baseline = the same rows into a plain table with the same columns`,
    )
    await onEachEngine('imports', (handle, engine) => benchEngine(handle, engine, file))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
