/**
 * The daily work's reads at the size of a large department (issue 17): the
 * customer's timeline and the monthly visit-and-call statistics for a
 * department of 100,000 customers with 1,000,000 interactions, each next to
 * plain SQL over the same rows without sealing, in the same run on the same
 * database.
 *
 * - Timeline: `customerTimeline` as its route runs it (the guard, the
 *   interactions with their sealed notes masked, deal steps, consents,
 *   requests, the audit event) against one plain query of the customer's
 *   interactions, notes in plain text, from a table with the same indexes.
 * - Monthly statistics: `visitsCalls` for one month of the department
 *   (every count of the sheet, first contacts and conversion included)
 *   against one plain group-by of the month's interactions per salesperson.
 */
import { CompiledQuery, sql } from 'kysely'
import type { DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createAccount } from '../src/modules/accounts/accounts.service.js'
import { dayIn, endOfDayIn } from '../src/modules/calendar/index.js'
import { createCustomers } from '../src/modules/customers/create-customers.js'
import { openCustomer } from '../src/modules/customers/index.js'
import { customerTimeline } from '../src/modules/interactions/customer-timeline.js'
import { workCountsQuery } from '../src/modules/statistics/statistics.repository.js'
import { visitsCalls } from '../src/modules/statistics/statistics.service.js'
import type { AppDeps } from '../src/platform/deps.js'
import { systemCall } from '../src/platform/http/call.js'
import { benchCall, benchDeps, benchManager } from './bench-deps.js'
import { customer } from './customers.bench.js'
import { onEachEngine } from './engines.js'

const CUSTOMERS = Number(process.env.BENCH_WORK_CUSTOMERS ?? 100_000)
const INTERACTIONS = Number(process.env.BENCH_WORK_INTERACTIONS ?? 1_000_000)
const STAFF = 20
const TIMELINES = Number(process.env.BENCH_TIMELINES ?? 2000)
const STATISTICS_RUNS = Number(process.env.BENCH_STATISTICS_RUNS ?? 10)
const IN_FLIGHT = 8
const BATCH = 2000
const CHANNELS = ['visit', 'phone', 'message', 'wechat', 'meeting', 'email'] as const
const DAY_MS = 86_400_000

/** A fixed sequence, so both tables hold the same rows and every run the same data. */
function* pseudoRandom(seed: number) {
  let x = seed
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
    yield x / 2_147_483_648
  }
}

async function staffOf(deps: AppDeps, departmentId: string): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < STAFF; i++) {
    const { account } = await createAccount(systemCall(deps, { type: 'system', name: 'bench' }), {
      username: `bench.sales${i}`,
      displayName: `销售${i}`,
      roles: ['sales'],
      departmentId,
      password: 'Bench-Password-42',
      passwordChosenByHolder: true,
    })
    ids.push(account.id)
  }
  return ids
}

async function seed(deps: AppDeps, handle: DatabaseHandle, call: ReturnType<typeof benchCall>) {
  const customerIds: string[] = []
  for (let from = 0; from < CUSTOMERS; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, CUSTOMERS - from) }, (_, k) =>
      customer(from + k),
    )
    const created = await createCustomers({ ...call, now: deps.clock.now() }, batch)
    customerIds.push(...created.records.map((r) => r.customer.id))
  }
  const staff = await staffOf(deps, call.principal.departmentId as string)
  await sql`
    create table bench_plain_interactions (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid, occurred_at timestamptz not null, staff_id uuid not null,
      channel text not null, direction text not null, duration_minutes integer,
      outcome text, note text, next_step text, created_by uuid not null,
      created_at timestamptz not null default now())`.execute(handle.db)
  await sql`create index on bench_plain_interactions (customer_id, occurred_at desc)`.execute(
    handle.db,
  )
  await sql`create index on bench_plain_interactions (staff_id, occurred_at)`.execute(handle.db)

  // Each customer's interactions over the past year, by the department's staff, each with a note
  // sealed under the customer's own key (as logging one seals it) and the same note in plain text.
  const random = pseudoRandom(42)
  const next = () => random.next().value as number
  const now = deps.clock.now().getTime()
  const perCustomer = INTERACTIONS / CUSTOMERS
  let written = 0
  let sealedRows: object[] = []
  let plainRows: object[] = []
  const flush = async () => {
    if (sealedRows.length === 0) return
    await handle.db
      .insertInto('interactions')
      .values(sealedRows as never)
      .execute()
    await handle.db
      .insertInto('bench_plain_interactions' as never)
      .values(plainRows as never)
      .execute()
    sealedRows = []
    plainRows = []
  }
  for (const [i, customerId] of customerIds.entries()) {
    const count = Math.round((i + 1) * perCustomer) - Math.round(i * perCustomer)
    const { key } = await openCustomer(deps, customerId, false)
    for (let k = 0; k < count; k++) {
      const occurredAt = new Date(now - Math.floor(next() * 365 * DAY_MS))
      const staffId = staff[Math.floor(next() * STAFF)] as string
      const channel = CHANNELS[Math.floor(next() * CHANNELS.length)] as string
      const direction = next() < 0.5 ? 'inbound' : 'outbound'
      const note = `客户来电咨询第${k + 1}次，询问价格与交房时间，约下周到访`
      const common = {
        customer_id: customerId,
        occurred_at: occurredAt,
        staff_id: staffId,
        channel,
        direction,
        duration_minutes: 5 + k,
        outcome: null,
        created_by: staffId,
      }
      sealedRows.push({
        ...common,
        sealed: JSON.stringify({ note: deps.vault.seal(key, 'interaction.note', note) }),
        created_at: occurredAt,
      })
      plainRows.push({ ...common, note, created_at: occurredAt })
      written++
      if (sealedRows.length >= BATCH) await flush()
    }
  }
  await flush()
  await sql`analyze`.execute(handle.db)
  return { customerIds, written }
}

type Timing = { perSecond: number; p50: number; p99: number }

async function lanes(runs: number, inFlight: number, one: (i: number) => Promise<unknown>) {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  const lane = async () => {
    while (next < runs) {
      const i = next++
      const t0 = performance.now()
      await one(i)
      latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  latencies.sort((a, b) => a - b)
  return {
    perSecond: runs / ((performance.now() - started) / 1000),
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  } satisfies Timing
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function benchEngine(handle: DatabaseHandle, engine: string): Promise<void> {
  await migrateToLatest(handle.db)
  const deps = await benchDeps(handle.db)
  const { principal } = await benchManager(deps)
  const call = benchCall(deps, principal)
  const seeding = performance.now()
  const { customerIds, written } = await seed(deps, handle, call)
  console.log(
    `\n${engine}: ${customerIds.length.toLocaleString('en-US')} customers, ${written.toLocaleString('en-US')} interactions seeded in ${fmt((performance.now() - seeding) / 1000, 0)} s`,
  )

  const pick = (i: number) => customerIds[(i * 7919) % customerIds.length] as string
  const timeline = await lanes(TIMELINES, IN_FLIGHT, (i) =>
    customerTimeline(benchCall(deps, principal), pick(i)),
  )
  const plainTimeline = await lanes(TIMELINES, IN_FLIGHT, (i) =>
    sql`select * from bench_plain_interactions where customer_id = ${pick(i)}
        order by occurred_at desc limit 500`.execute(handle.db),
  )

  const today = new Date(deps.clock.now().getTime())
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1))
  const from = month.toISOString().slice(0, 10)
  const to = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0))
    .toISOString()
    .slice(0, 10)
  const query = { period: 'month' as const, from, to }
  const statistics = await lanes(STATISTICS_RUNS, 1, () =>
    visitsCalls(benchCall(deps, principal), query),
  )
  const timeZone = deps.config.timeZone
  const plainStatistics = await lanes(STATISTICS_RUNS, 1, () =>
    sql`select date_trunc('month', (occurred_at at time zone ${timeZone})::date) as month,
               staff_id, count(*)
          from bench_plain_interactions
         where occurred_at >= ${`${from}T00:00:00+08:00`}::timestamptz
           and occurred_at < ${`${to}T23:59:59.999+08:00`}::timestamptz
         group by 1, 2`.execute(handle.db),
  )
  const figures = await visitsCalls(benchCall(deps, principal), query)
  // BENCH_EXPLAIN=1: where the month's statement spends its time, as the planner ran it.
  if (process.env.BENCH_EXPLAIN) {
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10)
    const window = {
      ...query,
      fromDay: from,
      toDay: to,
      start: new Date(endOfDayIn(timeZone, dayBefore).getTime() + 1),
      end: new Date(endOfDayIn(timeZone, to).getTime() + 1),
      today: dayIn(timeZone, deps.clock.now()),
      timeZone,
    }
    const reach = { kind: 'department' as const, departmentId: principal.departmentId }
    const compiled = workCountsQuery(window, reach).compile(handle.db)
    const plan = await handle.db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
    )
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'))
  }

  console.table([
    {
      scenario: 'customer timeline (req/s, 8 in flight)',
      ours: fmt(timeline.perSecond),
      'ours p99 ms': fmt(timeline.p99),
      plain: fmt(plainTimeline.perSecond),
      'plain p99 ms': fmt(plainTimeline.p99),
      ratio: fmt(timeline.perSecond / plainTimeline.perSecond, 2),
    },
    {
      scenario: `monthly statistics ${from}…${to} (ms per run)`,
      ours: fmt(statistics.p50),
      'ours p99 ms': fmt(statistics.p99),
      plain: fmt(plainStatistics.p50),
      'plain p99 ms': fmt(plainStatistics.p99),
      ratio: fmt(plainStatistics.p50 / statistics.p50, 2),
    },
  ])
  console.log(
    `  the month counted ${figures.totals.contacts.toLocaleString('en-US')} interactions and ${figures.totals.firstContacts.toLocaleString('en-US')} first contacts for ${figures.rows.length} salespeople`,
  )
}

export async function benchWork(): Promise<void> {
  console.log(
    `\n== Daily work: the timeline and the monthly statistics, ${CUSTOMERS.toLocaleString('en-US')} customers, ${INTERACTIONS.toLocaleString('en-US')} interactions`,
  )
  await onEachEngine('work', benchEngine)
}
