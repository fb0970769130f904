import { type Kysely, sql } from 'kysely'
import type { DB, DuplicatePairTable } from '../../db/schema.js'
import { type Clearance, scopeCondition } from '../../security/customer-policy.js'
import type { Reason } from '../duplicates/index.js'
import type { QueueQuery, Sweep } from './duplicate-review.schemas.js'

type Db = Kysely<DB>

/** A pair scored by a sweep, its lower id first. */
export type ScoredPair = { a: string; b: string; score: number; reasons: Reason[] }

const BATCH = 1000

/**
 * A sweep's likely pairs into the queue: a new pair is open; an open pair
 * found again takes its new score; a pair decided before (dismissed,
 * merged) stays as decided. An open pair this sweep no longer finds — its
 * values changed since — leaves the queue.
 */
export async function savePairs(trx: Db, pairs: readonly ScoredPair[], at: Date): Promise<void> {
  await sql`
    delete from duplicate_pairs p
    where p.status = 'open' and not exists (
      select 1 from unnest(${pairs.map((x) => x.a)}::uuid[], ${pairs.map((x) => x.b)}::uuid[]) as u(a, b)
      where u.a = p.customer_a and u.b = p.customer_b)`.execute(trx)
  for (let start = 0; start < pairs.length; start += BATCH) {
    const batch = pairs.slice(start, start + BATCH)
    await sql`
      insert into duplicate_pairs (customer_a, customer_b, score, reasons, status, found_at, scored_at)
      select u.a, u.b, u.score, u.reasons::jsonb, 'open', ${at}, ${at}
      from unnest(${batch.map((p) => p.a)}::uuid[], ${batch.map((p) => p.b)}::uuid[],
                  ${batch.map((p) => p.score)}::real[],
                  ${batch.map((p) => JSON.stringify(p.reasons))}::text[]) as u(a, b, score, reasons)
      on conflict (customer_a, customer_b) do update
        set score = excluded.score, reasons = excluded.reasons, scored_at = excluded.scored_at
        where duplicate_pairs.status = 'open'`.execute(trx)
  }
}

export async function recordSweep(trx: Db, sweep: Sweep & { startedAt: Date }): Promise<void> {
  await trx
    .insertInto('duplicate_sweeps')
    .values({
      started_at: sweep.startedAt,
      finished_at: sweep.at,
      compared: sweep.customers,
      candidate_pairs: sweep.candidatePairs,
      opened: sweep.opened,
      likely_pairs: sweep.likelyPairs,
    })
    .execute()
}

export async function lastSweep(db: Db): Promise<Sweep | null> {
  const row = await db
    .selectFrom('duplicate_sweeps')
    .selectAll()
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row
    ? {
        at: row.finished_at,
        customers: row.compared,
        candidatePairs: row.candidate_pairs,
        opened: row.opened,
        likelyPairs: row.likely_pairs,
      }
    : null
}

export type PairRow = Omit<DuplicatePairTable, 'id' | 'reasons'> & {
  id: string
  reasons: Reason[]
  kind_a: 'individual' | 'organization'
  kind_b: 'individual' | 'organization'
  decided_by_name: string | null
}

/** The pairs of a status whose two customers are both in the caller's scope, best first. */
export async function listPairs(
  db: Db,
  clearance: Clearance,
  query: QueueQuery,
): Promise<{ rows: PairRow[]; total: number }> {
  const inScope = db
    .selectFrom('duplicate_pairs as p')
    .innerJoin('customers as ca', 'ca.id', 'p.customer_a')
    .innerJoin('customers as cb', 'cb.id', 'p.customer_b')
    .where('p.status', '=', query.status)
    .where(scopeCondition(clearance, 'ca'))
    .where(scopeCondition(clearance, 'cb'))
  const [rows, count] = await Promise.all([
    inScope
      .leftJoin('accounts as d', 'd.id', 'p.decided_by')
      .selectAll('p')
      .select(['ca.kind as kind_a', 'cb.kind as kind_b', 'd.display_name as decided_by_name'])
      .orderBy(query.status === 'open' ? 'p.score' : 'p.decided_at', 'desc')
      .orderBy('p.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    inScope.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows: rows as PairRow[], total: Number(count.n) }
}

/** Marks an open pair decided; false if it was not open. */
export async function decidePair(
  trx: Db,
  id: string,
  decision: { status: 'dismissed' | 'merged'; by: string; at: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('duplicate_pairs')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The customers of a pair (the guard has checked the caller may see both). */
export async function pairCustomers(db: Db, id: string) {
  return db
    .selectFrom('duplicate_pairs')
    .select(['customer_a', 'customer_b', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
}
