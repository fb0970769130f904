import { sql } from 'kysely'
import { type AuditEvent, recordAuditEvent } from '../src/audit/audit-log.js'
import { sealAll } from '../src/audit/sealer.js'
import { ephemeralSigner, verifierFromPem } from '../src/audit/signing-key.js'
import { verifyTrail } from '../src/audit/verify.js'
import type { Database, DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { systemClock } from '../src/platform/clock.js'
import { onEachEngine } from './engines.js'

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 20_000)

const sample = (i: number): AuditEvent => ({
  actor: { type: 'account', id: '6f1c2a44-0b7e-4d61-9a57-2f7a3c1d9e80', name: 'zhang.wei' },
  action: 'customer.revealed',
  target: { type: 'customer', id: `c-${i}` },
  fields: ['idNumber', 'mobile'],
  purpose: 'service',
  details: { batch: i % 10 },
})
const context = {
  requestId: '0b8f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b',
  sourceIp: '10.0.0.8',
  userAgent: 'Mozilla/5.0 bench',
}

/** The same row, straight into a table like audit_events but with no trigger and no sealing. */
async function plainInsert(db: Database, i: number): Promise<void> {
  const e = sample(i)
  await sql`insert into bench_plain_events
    (occurred_at, actor_type, actor_id, actor_name, action, target_type, target_id, fields, purpose, outcome, request_id, source_ip, user_agent, details)
    values (${new Date()}, 'account', ${e.actor.type === 'account' ? e.actor.id : null}, 'zhang.wei', ${e.action}, 'customer', ${e.target?.id},
      ${e.fields}, ${e.purpose}, 'allowed', ${context.requestId}, ${context.sourceIp}, ${context.userAgent}, ${JSON.stringify(e.details)})`.execute(
    db,
  )
}

async function timed(
  writers: number,
  total: number,
  write: (i: number) => Promise<void>,
): Promise<number> {
  const perWriter = Math.ceil(total / writers)
  const started = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await write(w * perWriter + i)
    }),
  )
  return (writers * perWriter) / ((performance.now() - started) / 1000)
}

async function plainScanRate(db: Database): Promise<number> {
  const started = performance.now()
  let after = 0
  let rows = 0
  for (;;) {
    const batch = await db
      .selectFrom('bench_plain_events' as never)
      .selectAll()
      .where('id' as never, '>', after as never)
      .orderBy('id' as never)
      .limit(10_000)
      .execute()
    rows += batch.length
    if (batch.length < 10_000) break
    after = Number((batch.at(-1) as { id: number }).id)
  }
  return rows / ((performance.now() - started) / 1000)
}

type Row = { scenario: string; ours: number; baseline: number }

async function benchEngine(handle: DatabaseHandle): Promise<Row[]> {
  const { db } = handle
  await migrateToLatest(db)
  await sql`create table bench_plain_events (like audit_events including all)`.execute(db)
  const signer = ephemeralSigner()
  const rows: Row[] = []
  for (const writers of [1, 16]) {
    const ours = await timed(writers, EVENTS, (i) =>
      recordAuditEvent(db, new Date(), context, sample(i)),
    )
    const baseline = await timed(writers, EVENTS, (i) => plainInsert(db, i))
    rows.push({
      scenario: `append, ${writers} writer${writers > 1 ? 's' : ''} (events/s)`,
      ours,
      baseline,
    })
  }
  const sealStart = performance.now()
  const sealed = await sealAll(db, signer, systemClock)
  const sealRate = sealed / ((performance.now() - sealStart) / 1000)

  // As autovacuum would have by now on a live server.
  await sql`analyze`.execute(db)
  const verifyStart = performance.now()
  const result = await verifyTrail(db, verifierFromPem(signer.publicKeyPem))
  const verifyRate = result.events / ((performance.now() - verifyStart) / 1000)
  if (!result.ok) throw new Error(`verification failed: ${result.problem}`)
  rows.push({
    scenario: `verify ${result.events} events vs plain scan (events/s)`,
    ours: verifyRate,
    baseline: await plainScanRate(db),
  })
  rows.push({
    scenario: `seal ${sealed} events (events/s, off the request path)`,
    ours: sealRate,
    baseline: Number.NaN,
  })
  return rows
}

function print(engine: string, rows: Row[]): void {
  const fmt = (n: number) => (Number.isNaN(n) ? '—' : Math.round(n).toLocaleString('en-US'))
  console.log(`\n${engine}`)
  console.log(
    `  ${'scenario'.padEnd(52)} ${'Custodia'.padStart(10)} ${'baseline'.padStart(10)}  ratio`,
  )
  for (const row of rows) {
    const ratio = Number.isNaN(row.baseline) ? '' : `${(row.ours / row.baseline).toFixed(2)}×`
    console.log(
      `  ${row.scenario.padEnd(52)} ${fmt(row.ours).padStart(10)} ${fmt(row.baseline).padStart(10)}  ${ratio}`,
    )
  }
}

export async function benchAudit(): Promise<void> {
  console.log(
    `\nAudit trail: ${EVENTS.toLocaleString('en-US')} events per append scenario; baseline = same rows into an identical table without trigger or hashing`,
  )
  await onEachEngine('audit', async (handle, engine) => print(engine, await benchEngine(handle)))
}
