import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { CHAIN_START, LEAF_HASH, linkHash } from './chain.js'
import { type Checkpoint, checkpointSignatureValid } from './checkpoint.js'
import type { CheckpointVerifier } from './signing-key.js'
import type { WitnessEntry, WitnessReadProblem } from './witness-log.js'

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
  | 'checkpoint_missing'
  | 'uncovered_event'
  | 'pruned_too_young'

/**
 * What verification checks beyond the trail itself (AUD-2). The command line
 * and the API pass all of them; without them only the trail is checked.
 */
export type TrailChecks = {
  /** The witness log, read and checked (readWitnessLog): every checkpoint in it must be in the database. */
  witnessLog?: WitnessEntry[]
  /** The time of the verification: with it, events left uncovered too long and young prunes fail. */
  now?: Date
  /** Events older than this that no signed checkpoint covers fail (`uncovered_event`). */
  coverageDelayMs?: number
  /** The trail may only start after position 1 if its boundary checkpoint is at least this old. */
  retentionFloorDays?: number
  /**
   * Events read at a time (10,000); ranges verified side by side are at
   * least two batches long. Smaller in tests, to cross range and batch
   * boundaries with a tenth of the events.
   */
  batchSize?: number
}

/**
 * A running server signs a checkpoint at most a minute after it seals, and
 * seals every second; five minutes leaves room for a busy sealer.
 */
export const COVERAGE_DELAY_MS = 5 * 60_000
/** The six months of the Cybersecurity Law, which audit_prune enforces too. */
export const RETENTION_FLOOR_DAYS = 183

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
  problem?: VerifyProblem | WitnessReadProblem
  /** For a problem of the witness log itself: the line of it. */
  witnessLine?: number
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
  checks: TrailChecks = {},
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
  // The witness log's checkpoints count as expected chain values too: a
  // re-linked trail whose stored checkpoints were deleted still meets them.
  const witnessLog = checks.witnessLog ?? []
  const expected = new Map(bySize)
  for (const entry of witnessLog) {
    if (!checkpointSignatureValid(verifier, entry))
      return fail('bad_checkpoint_signature', entry.size, 0, 0)
    const stored = bySize.get(entry.size)
    if (stored && !stored.chainHash.equals(entry.chainHash))
      return fail('checkpoint_mismatch', entry.size, 0, 0)
    if (!stored) expected.set(entry.size, entry)
  }

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
    // Pruning may only remove what is older than six months: positions 1.. went too early.
    const floorDays = checks.retentionFloorDays ?? RETENTION_FLOOR_DAYS
    if (checks.now && base.signedAt.getTime() > checks.now.getTime() - floorDays * 86_400_000)
      return fail('pruned_too_young', 1, 0, start + 1)
  }
  const top = await db
    .selectFrom('audit_seals')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const end = Math.max(start, Number(top?.seq ?? start))

  // Ranges are verified side by side, each from the stored link before it:
  // if every range recomputes every stored link, the links where they meet
  // are proven too.
  const sizes = [...expected.keys()].sort((a, b) => a - b)
  const batch = checks.batchSize ?? BATCH
  const bounds = splitRange(start, end, batch)
  const outcomes = await Promise.all(
    bounds
      .slice(0, -1)
      .map((from, i) =>
        verifyRange(
          db,
          { bySize: expected, sizes, batch },
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
  const known = Math.max(last?.size ?? 0, witnessLog.at(-1)?.size ?? 0)
  if (known > sealedThrough) return fail('truncated', sealedThrough + 1, checked, start + 1)
  // Every checkpoint the witness recorded must still be in the database.
  const missing = witnessLog.find((entry) => !bySize.has(entry.size))
  if (missing) return fail('checkpoint_missing', missing.size, checked, start + 1)
  const storedUpTo = checkpoints.filter((c) => c.size <= (witnessLog.at(-1)?.size ?? 0)).length
  if (storedUpTo < witnessLog.length)
    return fail('checkpoint_missing', witnessLog.at(-1)?.size ?? 0, checked, start + 1)
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
  if (checks.now) {
    const cutoff = new Date(checks.now.getTime() - (checks.coverageDelayMs ?? COVERAGE_DELAY_MS))
    const uncovered = await firstUncoveredBefore(db, Math.max(known, start), cutoff)
    if (uncovered !== null) return fail('uncovered_event', uncovered, checked, start + 1)
    if (await pendingBefore(db, cutoff))
      return fail('uncovered_event', sealedThrough + 1, checked, start + 1)
  }
  return { ok: true, events: checked, firstPosition: start + 1, ...summary }
}

type RangeOutcome = { ok: true } | { ok: false; problem: VerifyProblem; position: number }

const PARALLEL_RANGES = 4

/** Splits (start, end] into up to four ranges of at least two batches each. */
function splitRange(start: number, end: number, batch: number): number[] {
  const ranges = Math.max(1, Math.min(PARALLEL_RANGES, Math.floor((end - start) / (2 * batch))))
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
  { bySize, sizes, batch }: { bySize: Map<number, Checkpoint>; sizes: number[]; batch: number },
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
  let nextBatch = readSealedBatch(db, from, to, batch)
  for (;;) {
    const rows = await nextBatch
    const lastRow = rows.at(-1)
    if (rows.length === batch && lastRow) nextBatch = readSealedBatch(db, lastRow.seq, to, batch)
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
    if (rows.length < batch) break
  }
  if (expected <= to) return { ok: false, problem: 'sequence_gap', position: expected }
  return { ok: true }
}

type SealedRow = { seq: number; chainHash: Buffer; leaf: Buffer | null }

async function readSealedBatch(
  db: Database,
  after: number,
  through: number,
  batch: number,
): Promise<SealedRow[]> {
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
    .limit(batch)
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

/** The first sealed position after `covered` whose event is older than `cutoff`. */
async function firstUncoveredBefore(
  db: Database,
  covered: number,
  cutoff: Date,
): Promise<number | null> {
  const row = await db
    .selectFrom('audit_seals as s')
    .innerJoin('audit_events as e', 'e.id', 's.event_id')
    .select('s.seq')
    .where('s.seq', '>', covered)
    .where('e.occurred_at', '<', cutoff)
    .orderBy('s.seq')
    .limit(1)
    .executeTakeFirst()
  return row ? Number(row.seq) : null
}

/** Whether an event still waiting for the sealer is older than `cutoff`. */
async function pendingBefore(db: Database, cutoff: Date): Promise<boolean> {
  const row = await db
    .selectFrom('audit_pending as p')
    .innerJoin('audit_events as e', 'e.id', 'p.event_id')
    .select('e.id')
    .where('e.occurred_at', '<', cutoff)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
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
