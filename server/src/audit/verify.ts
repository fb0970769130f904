import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { CHAIN_START, LEAF_HASH, linkHash } from './chain.js'
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
  const top = await db
    .selectFrom('audit_seals')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const end = Math.max(start, Number(top?.seq ?? start))

  // Ranges are verified side by side, each from the stored link before it:
  // if every range recomputes every stored link, the links where they meet
  // are proven too.
  const sizes = checkpoints.map((c) => c.size)
  const bounds = splitRange(start, end)
  const outcomes = await Promise.all(
    bounds
      .slice(0, -1)
      .map((from, i) =>
        verifyRange(
          db,
          bySize,
          sizes,
          from,
          bounds[i + 1] as number,
          from === start ? chain : null,
        ),
      ),
  )
  const failure = outcomes
    .flatMap((o) => (o.ok ? [] : [o]))
    .sort((a, b) => a.position - b.position)[0]
  if (failure)
    return fail(failure.problem, failure.position, failure.position - start - 1, start + 1)
  const checked = end - start
  const sealedThrough = end
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

type RangeOutcome = { ok: true } | { ok: false; problem: VerifyProblem; position: number }

const PARALLEL_RANGES = 4

/** Splits (start, end] into up to four ranges of at least two batches each. */
function splitRange(start: number, end: number): number[] {
  const ranges = Math.max(1, Math.min(PARALLEL_RANGES, Math.floor((end - start) / (2 * BATCH))))
  const step = Math.ceil((end - start) / ranges)
  const bounds = [start]
  for (let i = 1; i < ranges; i++) bounds.push(start + i * step)
  bounds.push(end)
  return bounds
}

/**
 * Verifies the events with sequence numbers in (from, to]: consecutive,
 * present, every recomputed link equal to the stored one, every checkpoint
 * inside equal to the chain. Starts from `chain`, or from the stored link at
 * `from` when another range proves that one.
 */
async function verifyRange(
  db: Database,
  bySize: Map<number, Checkpoint>,
  sizes: number[],
  from: number,
  to: number,
  startChain: Buffer | null,
): Promise<RangeOutcome> {
  let chain = startChain
  if (!chain) {
    const stored = await db
      .selectFrom('audit_seals')
      .select('chain_hash')
      .where('seq', '=', from)
      .executeTakeFirst()
    if (!stored) return { ok: false, problem: 'sequence_gap', position: from }
    chain = stored.chain_hash
  }
  let previousCheckpoint = sizes.filter((size) => size <= from).at(-1) ?? from
  let expected = from + 1
  // The next batch is fetched while this one is hashed.
  let nextBatch = readSealedBatch(db, from, to)
  for (;;) {
    const rows = await nextBatch
    const lastRow = rows.at(-1)
    if (rows.length === BATCH && lastRow) nextBatch = readSealedBatch(db, lastRow.seq, to)
    for (const row of rows) {
      if (row.seq !== expected) return { ok: false, problem: 'sequence_gap', position: expected }
      if (row.leaf === null) return { ok: false, problem: 'event_missing', position: row.seq }
      const recomputed = linkHash(chain, row.leaf)
      if (!recomputed.equals(row.chainHash))
        return { ok: false, problem: 'event_altered', position: row.seq }
      chain = recomputed
      const checkpoint = bySize.get(row.seq)
      if (checkpoint) {
        if (!checkpoint.chainHash.equals(chain))
          return { ok: false, problem: 'checkpoint_mismatch', position: previousCheckpoint + 1 }
        previousCheckpoint = row.seq
      }
      expected += 1
    }
    if (rows.length < BATCH) break
  }
  if (expected <= to) return { ok: false, problem: 'sequence_gap', position: expected }
  return { ok: true }
}

type SealedRow = { seq: number; chainHash: Buffer; leaf: Buffer | null }

async function readSealedBatch(db: Database, after: number, through: number): Promise<SealedRow[]> {
  const rows = await db
    .selectFrom('audit_seals as s')
    .leftJoin('audit_events as e', 'e.id', 's.event_id')
    .select([
      's.seq',
      's.chain_hash',
      sql<Buffer | null>`case when e.id is null then null else ${LEAF_HASH} end`.as('leaf'),
    ])
    .where('s.seq', '>', after)
    .where('s.seq', '<=', through)
    .orderBy('s.seq')
    .limit(BATCH)
    .execute()
  return rows.map((row) => ({ seq: row.seq, chainHash: row.chain_hash, leaf: row.leaf }))
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
