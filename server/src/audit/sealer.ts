import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import type { Clock } from '../platform/clock.js'
import { CANONICAL_EVENT, CHAIN_START, leafHash, linkHash } from './chain.js'
import { type Checkpoint, signCheckpoint } from './checkpoint.js'
import type { CheckpointSigner } from './signing-key.js'
import { checkAgainstWitness, recordInWitness } from './witness-sync.js'

export type SealerOptions = {
  /** Events taken per round. */
  batchSize: number
  /** A checkpoint is signed after this many events... */
  checkpointEvery: number
  /** ...or this long after the last one, when anything new was sealed. */
  checkpointAfterMs: number
}

export const DEFAULT_SEALER_OPTIONS: SealerOptions = {
  batchSize: 5000,
  checkpointEvery: 1000,
  checkpointAfterMs: 60_000,
}

const INSERT_CHUNK = 2000

/**
 * AUD-2 sealing, off the request path: requests only INSERT their event (a
 * trigger queues it in audit_pending); this one sealer — callers run it
 * under an advisory lock, so one process at a time — takes committed events
 * in order, gives them consecutive sequence numbers, links each into the
 * hash chain and signs checkpoints. Many writers therefore never wait on a
 * shared "previous hash".
 */
export async function sealPending(
  db: Database,
  signer: CheckpointSigner,
  clock: Clock,
  options: SealerOptions = DEFAULT_SEALER_OPTIONS,
): Promise<{ sealed: number; checkpoints: Checkpoint[] }> {
  const { witness } = signer
  const round = await db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('audit_pending as p')
      .innerJoin('audit_events as e', 'e.id', 'p.event_id')
      .select(['e.id', CANONICAL_EVENT.as('canonical')])
      .orderBy('p.event_id')
      .limit(options.batchSize)
      .execute()
    const lastCheckpoint = await trx
      .selectFrom('audit_checkpoints')
      .select(['size', 'chain_hash', 'signed_at'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst()
    const now = clock.now()
    const checkpoints: Checkpoint[] = []
    const dueByTime = (at: Date) =>
      !lastCheckpoint ||
      at.getTime() - lastCheckpoint.signed_at.getTime() >= options.checkpointAfterMs
    if (pending.length === 0) return { sealed: 0, checkpoints, observed: [] as Checkpoint[] }
    // The witness must agree with the database before anything more is signed.
    const observed = witness ? await checkAgainstWitness(trx, signer, witness) : []

    const head = await chainHead(trx, lastCheckpoint)
    let seq = head.seq
    let chain: Buffer = head.chain
    let checkpointedAt = lastCheckpoint?.size ?? 0
    const seals: { seq: number; event_id: number; chain_hash: Buffer }[] = []
    for (const event of pending) {
      seq += 1
      chain = linkHash(chain, leafHash(event.canonical))
      seals.push({ seq, event_id: event.id, chain_hash: chain })
      if (seq - checkpointedAt >= options.checkpointEvery) {
        checkpoints.push(signCheckpoint(signer, seq, chain, now))
        checkpointedAt = seq
      }
    }
    if (checkpointedAt < seq && dueByTime(now))
      checkpoints.push(signCheckpoint(signer, seq, chain, now))

    for (let i = 0; i < seals.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('audit_seals')
        .values(seals.slice(i, i + INSERT_CHUNK))
        .execute()
    }
    if (checkpoints.length > 0) {
      await trx
        .insertInto('audit_checkpoints')
        .values(
          checkpoints.map((c) => ({
            size: c.size,
            chain_hash: c.chainHash,
            signed_at: c.signedAt,
            key_id: c.keyId,
            signature: c.signature,
          })),
        )
        .execute()
    }
    await trx
      .deleteFrom('audit_pending')
      .where(
        'event_id',
        'in',
        pending.map((e) => e.id),
      )
      .execute()
    return { sealed: pending.length, checkpoints, observed }
  })
  // After the commit: a checkpoint the database lacks must never reach the witness. A crash
  // between the two leaves the witness behind, and the next round records it as observed.
  await recordInWitness(witness, round.observed, round.checkpoints)
  return { sealed: round.sealed, checkpoints: round.checkpoints }
}

/** Seals until nothing is pending; returns how many events were sealed. */
export async function sealAll(
  db: Database,
  signer: CheckpointSigner,
  clock: Clock,
  options = DEFAULT_SEALER_OPTIONS,
) {
  let total = 0
  for (;;) {
    const { sealed } = await sealPending(db, signer, clock, options)
    total += sealed
    if (sealed < options.batchSize) return total
  }
}

/** Where the chain stands: the last seal, or the checkpoint a pruned trail starts from. */
async function chainHead(
  db: Database,
  lastCheckpoint: { size: number; chain_hash: Buffer } | undefined,
): Promise<{ seq: number; chain: Buffer }> {
  const last = await db
    .selectFrom('audit_seals')
    .select(['seq', 'chain_hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (last) return { seq: last.seq, chain: last.chain_hash }
  if (lastCheckpoint) return { seq: lastCheckpoint.size, chain: lastCheckpoint.chain_hash }
  return { seq: 0, chain: CHAIN_START }
}

/** Events written but not sealed yet. */
export async function countUnsealed(db: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_pending`.execute(
    db,
  )
  return rows[0]?.n ?? 0
}

/**
 * Signs a checkpoint at the current end of the trail if the last one falls
 * short of it: a process does this when it stops, so the whole sealed trail
 * is covered by a signature, and a cut tail shows.
 */
export async function checkpointHead(
  db: Database,
  signer: CheckpointSigner,
  clock: Clock,
): Promise<Checkpoint | null> {
  const { witness } = signer
  const round = await db.transaction().execute(async (trx) => {
    const observed = witness ? await checkAgainstWitness(trx, signer, witness) : []
    const last = await trx
      .selectFrom('audit_checkpoints')
      .select(['size', 'chain_hash'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst()
    const head = await chainHead(trx, last)
    if (head.seq === 0 || (last && last.size >= head.seq)) return { observed, checkpoint: null }
    const checkpoint = signCheckpoint(signer, head.seq, head.chain, clock.now())
    await trx
      .insertInto('audit_checkpoints')
      .values({
        size: checkpoint.size,
        chain_hash: checkpoint.chainHash,
        signed_at: checkpoint.signedAt,
        key_id: checkpoint.keyId,
        signature: checkpoint.signature,
      })
      .execute()
    return { observed, checkpoint }
  })
  await recordInWitness(witness, round.observed, round.checkpoint ? [round.checkpoint] : [])
  return round.checkpoint
}
