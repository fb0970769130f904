import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { testAction } from '../../test/audit-test-vocabulary.js'
import { createTestDatabase } from '../../test/test-database.js'
import type { Database } from '../db/database.js'
import { DAY, ManualClock, MINUTE } from '../platform/clock.js'
import { NO_REQUEST, recordAuditEvent } from './audit-log.js'
import { leafHash, linkHash } from './chain.js'
import { checkpointHead, type SealerOptions, sealAll } from './sealer.js'
import {
  type CheckpointSigner,
  ephemeralSigner,
  verifierFromPem,
  withWitness,
} from './signing-key.js'
import { type TrailChecks, verifyTrail } from './verify.js'
import { openWitnessLog, readWitnessLog } from './witness-log.js'
import { WitnessConflictError } from './witness-sync.js'

/**
 * AUD-2: the attacks of a database superuser who deletes the stored
 * checkpoints and then truncates, re-links or wipes the trail — each passed
 * verification before the witness log, and each fails against it now.
 */
const key = ephemeralSigner()
const verifier = verifierFromPem(key.publicKeyPem)
const options: SealerOptions = { batchSize: 500, checkpointEvery: 10, checkpointAfterMs: 60_000 }
const handles: { close(): Promise<void> }[] = []
let db: Database
let dir: string
let clock: ManualClock
let signer: CheckpointSigner

afterAll(async () => {
  for (const handle of handles) await handle.close()
})

beforeEach(async () => {
  const handle = await createTestDatabase()
  dir = await mkdtemp(path.join(tmpdir(), 'custodia-witness-'))
  handles.push(handle, { close: () => rm(dir, { recursive: true, force: true }) })
  db = handle.db
  clock = new ManualClock(new Date())
  signer = withWitness(key, openWitnessLog(path.join(dir, 'witness.log')))
})

async function writeAndSeal(count: number, by = signer): Promise<void> {
  for (let i = 0; i < count; i++) {
    clock.advance(1000)
    await recordAuditEvent(db, clock.now(), NO_REQUEST, {
      actor: { type: 'system', name: 'test' },
      action: testAction('test.event'),
      target: { type: 'customer', id: `c-${i}` },
    })
  }
  await sealAll(db, by, clock, options)
  await checkpointHead(db, by, clock)
}

async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx)
    await statement.execute(trx)
  })
}

/** What `custodia audit verify` checks: the trail, the witness log, coverage and prunes. */
async function verifyAsTheCommandDoes(file = signer.witness?.file ?? '', extra: TrailChecks = {}) {
  const read = await readWitnessLog(file, verifier)
  if (!read.ok) return { ok: false, problem: read.problem, witnessLine: read.line }
  return verifyTrail(db, verifier, undefined, {
    witnessLog: read.entries,
    now: clock.now(),
    ...extra,
  })
}

const count = async (table: 'audit_checkpoints' | 'audit_seals' | 'audit_events') =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db))
      .rows[0]?.n,
  )

describe('the witness log (AUD-2)', () => {
  it('records every signed checkpoint outside the database, hash-chained, and the untouched trail verifies against it', async () => {
    await writeAndSeal(35)
    const read = await readWitnessLog(signer.witness?.file ?? '', verifier)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.entries.map((e) => e.size)).toEqual([10, 20, 30, 35])
    expect(read.entries.map((e) => e.size)).toEqual(
      (await db.selectFrom('audit_checkpoints').select('size').orderBy('size').execute()).map(
        (r) => r.size,
      ),
    )
    expect(await verifyAsTheCommandDoes()).toMatchObject({ ok: true, events: 35 })
  })

  it('fails when the stored checkpoints were deleted, though the trail alone still verifies', async () => {
    await writeAndSeal(35)
    await tamper(sql`delete from audit_checkpoints where size >= 20`)
    // The attack as it worked before: the database alone says OK.
    expect((await verifyTrail(db, verifier)).ok).toBe(true)
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'checkpoint_missing',
      firstBadPosition: 20,
    })
  })

  it('fails on a truncated trail whose checkpoints went with it', async () => {
    await writeAndSeal(35)
    await tamper(
      sql`delete from audit_events where id in (select event_id from audit_seals where seq > 22)`,
    )
    await tamper(sql`delete from audit_seals where seq > 22`)
    await tamper(sql`delete from audit_checkpoints where size > 22`)
    expect((await verifyTrail(db, verifier)).ok).toBe(true)
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'truncated',
      firstBadPosition: 23,
    })
  })

  it('fails on a re-linked trail: an event changed, every link recomputed, the checkpoints deleted', async () => {
    await writeAndSeal(35)
    const id = (
      await db
        .selectFrom('audit_seals')
        .select('event_id')
        .where('seq', '=', 14)
        .executeTakeFirstOrThrow()
    ).event_id
    await tamper(sql`update audit_events set target_id = 'someone-else' where id = ${id}`)
    await tamper(sql`delete from audit_checkpoints`)
    // The forger recomputes every link from the changed event on.
    const rows = await db
      .selectFrom('audit_seals as s')
      .innerJoin('audit_events as e', 'e.id', 's.event_id')
      .select([
        's.seq',
        sql<string>`json_build_array(
        'v1', e.id, (extract(epoch from e.occurred_at) * 1000000)::bigint,
        e.actor_type, e.actor_id, e.actor_name, e.action, e.target_type, e.target_id, e.fields,
        e.purpose, e.outcome, e.reason, e.request_id, e.source_ip, e.user_agent, e.details)::text`.as(
          'canonical',
        ),
      ])
      .orderBy('s.seq')
      .execute()
    let chain: Buffer = Buffer.alloc(32)
    for (const row of rows) {
      chain = linkHash(chain, leafHash(row.canonical))
      await tamper(sql`update audit_seals set chain_hash = ${chain} where seq = ${row.seq}`)
    }
    expect((await verifyTrail(db, verifier)).ok).toBe(true)
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'checkpoint_mismatch',
      firstBadPosition: 11,
    })
  })

  it('fails on a wiped trail', async () => {
    await writeAndSeal(35)
    for (const table of ['audit_checkpoints', 'audit_seals', 'audit_pending', 'audit_events'])
      await tamper(sql`delete from ${sql.table(table)}`)
    expect(await verifyTrail(db, verifier)).toMatchObject({ ok: true, events: 0 })
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'truncated',
      firstBadPosition: 1,
    })
  })

  it('makes the sealer refuse to sign on top of a trail that contradicts it', async () => {
    await writeAndSeal(35)
    await tamper(
      sql`delete from audit_events where id in (select event_id from audit_seals where seq > 22)`,
    )
    await tamper(sql`delete from audit_seals where seq > 22`)
    await tamper(sql`delete from audit_checkpoints where size > 22`)
    const before = await readFile(signer.witness?.file ?? '', 'utf8')
    await expect(writeAndSeal(5)).rejects.toThrow(WitnessConflictError)
    expect(await count('audit_checkpoints')).toBe(2)
    expect(await readFile(signer.witness?.file ?? '', 'utf8')).toBe(before)
  })

  it('fails when a line of the witness log itself was removed or changed', async () => {
    await writeAndSeal(35)
    const file = signer.witness?.file ?? ''
    const lines = (await readFile(file, 'utf8')).split('\n')
    await writeFile(file, [lines[0], ...lines.slice(2)].join('\n'))
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'witness_chain_broken',
      witnessLine: 2,
    })
    await writeFile(file, lines.join('\n').replace('"size":20', '"size":21'))
    expect(await verifyAsTheCommandDoes()).toMatchObject({ ok: false, witnessLine: 2 })
    expect(await verifyAsTheCommandDoes(path.join(dir, 'absent.log'))).toMatchObject({
      ok: false,
      problem: 'witness_missing',
    })
  })

  it('fails on events that no checkpoint covers beyond the sealing delay', async () => {
    await writeAndSeal(12)
    // Forged events queued with a past time (or sealed and never signed) stay uncovered.
    await recordAuditEvent(db, new Date(clock.now().getTime() - 10 * MINUTE), NO_REQUEST, {
      actor: { type: 'system', name: 'forger' },
      action: testAction('test.forged'),
    })
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'uncovered_event',
      firstBadPosition: 13,
    })
    await sealAll(db, signer, clock, { ...options, checkpointEvery: 1000 })
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'uncovered_event',
      firstBadPosition: 13,
    })
    // Recent events not signed yet are within the delay.
    await checkpointHead(db, signer, clock)
    await recordAuditEvent(db, clock.now(), NO_REQUEST, {
      actor: { type: 'system', name: 'test' },
      action: testAction('test.recent'),
    })
    expect(await verifyAsTheCommandDoes()).toMatchObject({ ok: true, pending: 1 })
  })

  it('fails on a pruned start younger than the six-month floor', async () => {
    await writeAndSeal(25)
    // A prune past the database's guard: the prefix up to a checkpoint deleted, triggers off.
    await tamper(
      sql`delete from audit_events where id in (select event_id from audit_seals where seq <= 20)`,
    )
    await tamper(sql`delete from audit_seals where seq <= 20`)
    expect((await verifyTrail(db, verifier)).ok).toBe(true)
    expect(await verifyAsTheCommandDoes()).toMatchObject({
      ok: false,
      problem: 'pruned_too_young',
      firstBadPosition: 1,
    })
    // The same start is fine once the checkpoint it rests on is older than six months.
    clock.advance(184 * DAY)
    expect(await verifyAsTheCommandDoes()).toMatchObject({ ok: true, firstPosition: 21 })
  })

  it('holds with two servers sharing one database, each with a witness log of its own', async () => {
    const a = withWitness(key, openWitnessLog(path.join(dir, 'a.log')))
    const b = withWitness(key, openWitnessLog(path.join(dir, 'b.log')))
    await writeAndSeal(12, a)
    await writeAndSeal(15, b)
    await writeAndSeal(7, a)
    const readA = await readWitnessLog(a.witness?.file ?? '', verifier)
    const readB = await readWitnessLog(b.witness?.file ?? '', verifier)
    expect(readA.ok && readB.ok).toBe(true)
    if (!readA.ok || !readB.ok) return
    // Each records what it signed and, first, what it observed the other sign.
    expect(readA.entries.map((e) => [e.size, e.source])).toEqual([
      [10, 'signed'],
      [12, 'signed'],
      [22, 'observed'],
      [27, 'observed'],
      [34, 'signed'],
    ])
    expect(readB.entries.map((e) => [e.size, e.source])).toEqual([
      [10, 'observed'],
      [12, 'observed'],
      [22, 'signed'],
      [27, 'signed'],
    ])
    for (const file of [a.witness?.file, b.witness?.file])
      expect(await verifyAsTheCommandDoes(file)).toMatchObject({ ok: true, events: 34 })
    await tamper(sql`delete from audit_checkpoints where size = 22`)
    for (const file of [a.witness?.file, b.witness?.file])
      expect(await verifyAsTheCommandDoes(file)).toMatchObject({
        ok: false,
        problem: 'checkpoint_missing',
        firstBadPosition: 22,
      })
  })
})
