import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { CANONICAL_EVENT, CHAIN_START, leafHash, linkHash } from './chain.js'
import { type Checkpoint, checkpointSignatureValid } from './checkpoint.js'
import type { CheckpointVerifier } from './signing-key.js'

export type VerifyProblem =
  | 'bad_checkpoint_signature'
  | 'sequence_gap'
  | 'event_missing'
  | 'event_altered'
  | 'chain_altered'
  | 'checkpoint_mismatch'
  | 'truncated'
  | 'unsealed_event'
  | 'pruned_off_checkpoint'

export type VerifyResult = {
  ok: boolean
  /** Sealed events present and checked. */
  events: number
  /** Sequence number of the first event present (greater than 1 after pruning). */
  firstPosition: number
  lastCheckpoint: { size: number; signedAt: string; keyId: string } | null
  /** Events written but not sealed yet (they are checked once sealed). */
  pending: number
  firstBadPosition?: number
  problem?: VerifyProblem
}

const BATCH = 10_000

/**
 * Recomputes the whole trail from the events (AUD-2) with nothing but the
 * public key: every checkpoint's signature, every event's leaf, every link,
 * every checkpoint's chain value, the absence of gaps, and — given an
 * exported checkpoint — that nothing it covers is missing. Reports the first
 * bad position. A change that also rewrote the stored links is caught at the
 * next checkpoint and located to the range after the previous one.
 */
export async function verifyTrail(
  db: Database,
  verifier: CheckpointVerifier,
  witness?: Checkpoint,
): Promise<VerifyResult> {
  const checkpoints = await loadCheckpoints(db)
  const pending = Number(
    (await sql<{ n: number }>`select count(*)::int as n from audit_pending`.execute(db)).rows[0]
      ?.n ?? 0,
  )
  const last = checkpoints.at(-1)
  const summary = {
    pending,
    lastCheckpoint: last
      ? { size: last.size, signedAt: last.signedAt.toISOString(), keyId: last.keyId }
      : null,
  }
  const fail = (
    problem: VerifyProblem,
    position: number,
    events: number,
    firstPosition: number,
  ): VerifyResult => ({
    ok: false,
    events,
    firstPosition,
    ...summary,
    firstBadPosition: position,
    problem,
  })

  for (const checkpoint of [...checkpoints, ...(witness ? [witness] : [])]) {
    if (!checkpointSignatureValid(verifier, checkpoint))
      return fail('bad_checkpoint_signature', checkpoint.size, 0, 0)
  }
  const bySize = new Map(checkpoints.map((c) => [c.size, c]))

  const first = await db
    .selectFrom('audit_seals')
    .select('seq')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst()
  const start = first ? first.seq - 1 : (last?.size ?? 0)
  let chain: Buffer = CHAIN_START
  if (start > 0) {
    const base = bySize.get(start)
    if (!base) return fail('pruned_off_checkpoint', start + 1, 0, start + 1)
    chain = base.chainHash
  }

  let expected = start + 1
  let previousCheckpoint = start
  let checked = 0
  // The next batch is fetched while this one is hashed.
  let nextBatch = readSealedBatch(db, start)
  for (;;) {
    const rows = await nextBatch
    const lastRow = rows.at(-1)
    if (rows.length === BATCH && lastRow) nextBatch = readSealedBatch(db, lastRow.seq)
    for (const row of rows) {
      if (row.seq !== expected) return fail('sequence_gap', expected, checked, start + 1)
      if (row.canonical === null) return fail('event_missing', row.seq, checked, start + 1)
      const recomputed = linkHash(chain, leafHash(row.canonical))
      if (!recomputed.equals(row.chainHash))
        return fail('event_altered', row.seq, checked, start + 1)
      chain = recomputed
      const checkpoint = bySize.get(row.seq)
      if (checkpoint) {
        if (!checkpoint.chainHash.equals(chain))
          return fail('checkpoint_mismatch', previousCheckpoint + 1, checked, start + 1)
        previousCheckpoint = row.seq
      }
      checked += 1
      expected += 1
    }
    if (rows.length < BATCH) break
  }
  const sealedThrough = expected - 1
  if (last && last.size > sealedThrough)
    return fail('truncated', sealedThrough + 1, checked, start + 1)
  if (witness) {
    if (witness.size > sealedThrough)
      return fail('truncated', sealedThrough + 1, checked, start + 1)
    const stored = bySize.get(witness.size)
    const matches = stored
      ? stored.chainHash.equals(witness.chainHash)
      : await chainAt(db, witness.size, witness.chainHash)
    if (!matches) return fail('checkpoint_mismatch', witness.size, checked, start + 1)
  }
  const orphan = await findUnqueuedUnsealedEvent(db)
  if (orphan !== null) return fail('unsealed_event', sealedThrough + 1, checked, start + 1)
  return { ok: true, events: checked, firstPosition: start + 1, ...summary }
}

type SealedRow = { seq: number; chainHash: Buffer; canonical: string | null }

async function readSealedBatch(db: Database, after: number): Promise<SealedRow[]> {
  const rows = await db
    .selectFrom('audit_seals as s')
    .leftJoin('audit_events as e', 'e.id', 's.event_id')
    .select([
      's.seq',
      's.chain_hash',
      sql<string | null>`case when e.id is null then null else ${CANONICAL_EVENT} end`.as(
        'canonical',
      ),
    ])
    .where('s.seq', '>', after)
    .orderBy('s.seq')
    .limit(BATCH)
    .execute()
  return rows.map((row) => ({ seq: row.seq, chainHash: row.chain_hash, canonical: row.canonical }))
}

async function loadCheckpoints(db: Database): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('size').execute()
  return rows.map((r) => ({
    size: r.size,
    chainHash: r.chain_hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  }))
}

async function chainAt(db: Database, seq: number, expected: Buffer): Promise<boolean> {
  const row = await db
    .selectFrom('audit_seals')
    .select('chain_hash')
    .where('seq', '=', seq)
    .executeTakeFirst()
  return row?.chain_hash.equals(expected) ?? false
}

/**
 * An event that is neither sealed nor queued for sealing was slipped in
 * past the triggers: a forgery.
 */
async function findUnqueuedUnsealedEvent(db: Database): Promise<number | null> {
  const row = await db
    .selectFrom('audit_events as e')
    .select('e.id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('audit_seals as s').select('s.seq').whereRef('s.event_id', '=', 'e.id')),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_pending as p').select('p.event_id').whereRef('p.event_id', '=', 'e.id'),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}
