import { sql } from 'kysely'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-database.js'
import type { Database } from '../db/database.js'
import { refreshPlannerStatistics } from '../db/statistics.js'
import { ManualClock } from '../platform/clock.js'
import { type AuditEvent, NO_REQUEST, recordAuditEvent } from './audit-log.js'
import { exportCheckpoint, importCheckpoint } from './checkpoint.js'
import { type SealerOptions, sealAll } from './sealer.js'
import { ephemeralSigner, verifierFromPem } from './signing-key.js'
import { verifyTrail } from './verify.js'

const signer = ephemeralSigner()
const verifier = verifierFromPem(signer.publicKeyPem)
const clock = new ManualClock()
const options: SealerOptions = { batchSize: 500, checkpointEvery: 25, checkpointAfterMs: 60_000 }
const handles: { close(): Promise<void> }[] = []
let db: Database

afterAll(async () => {
  for (const handle of handles) await handle.close()
})

beforeEach(async () => {
  const handle = await createTestDatabase()
  handles.push(handle)
  db = handle.db
})

const event = (i: number): AuditEvent => ({
  actor: {
    type: 'account',
    id: `00000000-0000-0000-0000-${String(i % 7).padStart(12, '0')}`,
    name: `staff${i % 7}`,
  },
  action: i % 3 === 0 ? 'customer.revealed' : 'customer.viewed',
  target: { type: 'customer', id: `cust-${i}` },
  fields: i % 3 === 0 ? ['idNumber', 'mobile'] : [],
  purpose: i % 3 === 0 ? 'service' : undefined,
  details: { page: i, nested: { b: 1, a: 2 } },
})

async function writeAndSeal(count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    clock.advance(1000)
    await recordAuditEvent(db, clock.now(), NO_REQUEST, event(i))
  }
  await sealAll(db, signer, clock, options)
}

/** What only someone with the database superuser's power could do: bypass the triggers. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx)
    await statement.execute(trx)
  })
}

const eventIdAt = async (seq: number) =>
  (
    await db
      .selectFrom('audit_seals')
      .select('event_id')
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
  ).event_id

describe('tamper-evident audit trail (AUD-2)', () => {
  it('verifies an untouched trail with the public key alone', async () => {
    await writeAndSeal(60)
    const result = await verifyTrail(db, verifier)
    expect(result).toMatchObject({ ok: true, events: 60, firstPosition: 1, pending: 0 })
    expect(result.lastCheckpoint?.size).toBe(60)
  })

  it('refuses UPDATE, DELETE and TRUNCATE on the audit tables in the database itself', async () => {
    await writeAndSeal(3)
    for (const statement of [
      sql`update audit_events set action = 'nothing' where id = (select min(id) from audit_events)`,
      sql`delete from audit_events where id = (select min(id) from audit_events)`,
      sql`truncate audit_events cascade`,
      sql`update audit_seals set seq = seq + 100`,
      sql`delete from audit_seals`,
      sql`delete from audit_checkpoints`,
      sql`truncate audit_checkpoints`,
    ]) {
      await expect(statement.execute(db)).rejects.toThrow(/append-only/)
    }
    expect((await verifyTrail(db, verifier)).ok).toBe(true)
  })

  it('finds one changed byte in a stored event at its position', async () => {
    await writeAndSeal(40)
    const id = await eventIdAt(17)
    await tamper(sql`update audit_events set action = 'customer.viewec' where id = ${id}`)
    expect(await verifyTrail(db, verifier)).toMatchObject({
      ok: false,
      firstBadPosition: 17,
      problem: 'event_altered',
    })
  })

  it('finds a changed value inside the details of an event', async () => {
    await writeAndSeal(10)
    const id = await eventIdAt(4)
    await tamper(
      sql`update audit_events set details = jsonb_set(details, '{page}', '5') where id = ${id}`,
    )
    expect(await verifyTrail(db, verifier)).toMatchObject({ ok: false, firstBadPosition: 4 })
  })

  it('finds a deleted event at its position, whether or not its seal went with it', async () => {
    await writeAndSeal(30)
    await tamper(sql`delete from audit_events where id = ${await eventIdAt(12)}`)
    expect(await verifyTrail(db, verifier)).toMatchObject({
      ok: false,
      firstBadPosition: 12,
      problem: 'event_missing',
    })

    await tamper(sql`delete from audit_seals where seq = 12`)
    expect(await verifyTrail(db, verifier)).toMatchObject({
      ok: false,
      firstBadPosition: 12,
      problem: 'sequence_gap',
    })
  })

  it('finds a forged event inserted into the sealed trail', async () => {
    await writeAndSeal(30)
    // The forger shifts the later seals up by one and slips a new event in at 10.
    const forged = await db
      .insertInto('audit_events')
      .values({
        occurred_at: clock.now(),
        actor_type: 'account',
        actor_id: 'someone',
        actor_name: 'someone',
        action: 'customer.viewed',
        target_type: 'customer',
        target_id: 'cust-x',
        fields: [],
        purpose: null,
        outcome: 'allowed',
        reason: null,
        request_id: null,
        source_ip: null,
        user_agent: null,
        details: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await tamper(sql`delete from audit_pending where event_id = ${forged.id}`)
    await tamper(sql`update audit_seals set seq = seq + 1000 where seq >= 10`)
    await tamper(sql`update audit_seals set seq = seq - 999 where seq >= 1010`)
    const chain = (
      await db
        .selectFrom('audit_seals')
        .select('chain_hash')
        .where('seq', '=', 11)
        .executeTakeFirstOrThrow()
    ).chain_hash
    await tamper(
      sql`insert into audit_seals (seq, event_id, chain_hash) values (10, ${forged.id}, ${chain})`,
    )
    expect(await verifyTrail(db, verifier)).toMatchObject({
      ok: false,
      firstBadPosition: 10,
      problem: 'event_altered',
    })
  })

  it('finds a forged event that was never sealed', async () => {
    await writeAndSeal(5)
    await tamper(
      sql`insert into audit_events (occurred_at, actor_type, action, outcome) values (now(), 'anonymous', 'auth.sign_in', 'allowed')`,
    )
    await tamper(sql`delete from audit_pending`)
    expect(await verifyTrail(db, verifier)).toMatchObject({ ok: false, problem: 'unsealed_event' })
  })

  it('finds two swapped events at the first of them', async () => {
    await writeAndSeal(30)
    const [a, b] = [await eventIdAt(8), await eventIdAt(9)]
    await tamper(sql`update audit_seals set event_id = -1 where seq = 8`)
    await tamper(sql`update audit_seals set event_id = ${a} where seq = 9`)
    await tamper(sql`update audit_seals set event_id = ${b} where seq = 8`)
    expect(await verifyTrail(db, verifier)).toMatchObject({
      ok: false,
      firstBadPosition: 8,
      problem: 'event_altered',
    })
  })

  it('catches a rewrite that also recomputed every stored link, at the checkpoint covering it', async () => {
    await writeAndSeal(60)
    const id = await eventIdAt(30)
    await tamper(sql`update audit_events set target_id = 'cust-999' where id = ${id}`)
    // Recompute the stored chain after the change, as a careful forger would (no key is needed for that).
    const { CANONICAL_EVENT, leafHash, linkHash } = await import('./chain.js')
    const rows = await db
      .selectFrom('audit_seals as s')
      .innerJoin('audit_events as e', 'e.id', 's.event_id')
      .select(['s.seq', 's.chain_hash as link', CANONICAL_EVENT.as('canonical')])
      .orderBy('s.seq')
      .execute()
    let chain = rows[28]?.link as Buffer
    for (const row of rows.slice(29)) {
      chain = linkHash(chain, leafHash(row.canonical))
      await tamper(sql`update audit_seals set chain_hash = ${chain} where seq = ${row.seq}`)
    }
    // Checkpoints every 25 events: the one at 50 no longer matches; the damage lies after 25.
    expect(await verifyTrail(db, verifier)).toMatchObject({
      ok: false,
      firstBadPosition: 26,
      problem: 'checkpoint_mismatch',
    })
  })

  it('refuses checkpoints signed by another key', async () => {
    await writeAndSeal(30)
    const other = verifierFromPem(ephemeralSigner().publicKeyPem)
    expect(await verifyTrail(db, other)).toMatchObject({
      ok: false,
      problem: 'bad_checkpoint_signature',
    })
  })

  it('catches a truncated tail against an exported checkpoint', async () => {
    await writeAndSeal(50)
    const latest = await db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .executeTakeFirstOrThrow()
    const exported = exportCheckpoint(
      {
        size: latest.size,
        chainHash: latest.chain_hash,
        signedAt: latest.signed_at,
        keyId: latest.key_id,
        signature: latest.signature,
      },
      signer.publicKeyPem,
    )
    expect((await verifyTrail(db, verifier, importCheckpoint(exported))).ok).toBe(true)

    // Drop the last 10 events with their seals and every checkpoint past 40: what remains is consistent...
    const tail = await db
      .selectFrom('audit_seals')
      .select('event_id')
      .where('seq', '>', 40)
      .execute()
    await tamper(sql`delete from audit_seals where seq > 40`)
    await tamper(
      sql`delete from audit_events where id in (${sql.join(tail.map((t) => t.event_id))})`,
    )
    await tamper(sql`delete from audit_checkpoints where size > 40`)
    expect(await verifyTrail(db, verifier)).toMatchObject({ ok: true, events: 40 })
    // ...and the witness proves it.
    expect(await verifyTrail(db, verifier, importCheckpoint(exported))).toMatchObject({
      ok: false,
      problem: 'truncated',
      firstBadPosition: 41,
    })
  })
})

describe('verification in parallel ranges (AUD-2)', () => {
  // Verification reads `batchSize` events at a time and splits a trail of
  // at least two batches into up to four ranges checked side by side: with
  // batches of 500, 5,000 events cross batch and range boundaries as
  // 50,000 do at the default (here four ranges, meeting at 1,250, 2,500, 3,750).
  const checks = { batchSize: 500 }

  it('reports the first bad position wherever it lies, boundaries included', async () => {
    await sql`insert into audit_events (occurred_at, actor_type, actor_name, action, target_type, target_id, outcome)
      select now() + make_interval(secs => g), 'system', 'bulk', 'customer.viewed', 'customer', 'c-' || g, 'allowed'
      from generate_series(1, 5000) g`.execute(db)
    await refreshPlannerStatistics(db)
    await sealAll(db, signer, clock, { ...options, batchSize: 500, checkpointEvery: 500 })
    await refreshPlannerStatistics(db)
    expect(await verifyTrail(db, verifier, undefined, checks)).toMatchObject({
      ok: true,
      events: 5_000,
    })

    await tamper(
      sql`update audit_events set target_id = 'c-x' where id = ${await eventIdAt(4_000)}`,
    )
    expect(await verifyTrail(db, verifier, undefined, checks)).toMatchObject({
      firstBadPosition: 4_000,
      problem: 'event_altered',
    })
    // Just past a batch boundary, in the first range.
    await tamper(sql`update audit_events set target_id = 'c-y' where id = ${await eventIdAt(501)}`)
    expect(await verifyTrail(db, verifier, undefined, checks)).toMatchObject({
      firstBadPosition: 501,
      problem: 'event_altered',
    })
    await tamper(sql`delete from audit_seals where seq = 2500`)
    expect(await verifyTrail(db, verifier, undefined, checks)).toMatchObject({
      firstBadPosition: 501,
    })
  })

  it('finds a missing seal at the boundary between two ranges', async () => {
    await sql`insert into audit_events (occurred_at, actor_type, actor_name, action, outcome)
      select now() + make_interval(secs => g), 'system', 'bulk', 'customer.listed', 'allowed'
      from generate_series(1, 5000) g`.execute(db)
    await refreshPlannerStatistics(db)
    await sealAll(db, signer, clock, { ...options, batchSize: 500, checkpointEvery: 500 })
    await refreshPlannerStatistics(db)
    // Five thousand events in batches of 500: four ranges, meeting at 1,250, 2,500 and 3,750.
    await tamper(sql`delete from audit_seals where seq = 2500`)
    expect(await verifyTrail(db, verifier, undefined, checks)).toMatchObject({
      firstBadPosition: 2_500,
      problem: 'sequence_gap',
    })
  })
})
