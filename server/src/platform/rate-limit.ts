import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { HOUR } from './clock.js'
import type { JobsOf } from './jobs.js'

/**
 * A fixed-window counter kept in the database, so every server process sharing
 * one PostgreSQL counts together. Returns the hits in the current window,
 * this one included.
 *
 * Concurrent hits on one key in this process share one statement (issue
 * 15): while an increment is on its way, the hits that arrive wait and go
 * in the next one, `hits + n`, and each learns its own place in the count.
 * One key is one row: fifty reveals of one account at once used to queue
 * for its lock one by one. The count stays exact across servers; a hit is
 * counted before its request goes on.
 */
export function countHit(db: Database, key: string, now: Date, windowMs: number): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  let counters = batches.get(db)
  if (!counters) {
    counters = new Map()
    batches.set(db, counters)
  }
  const slot = `${key}\u0000${windowStart.getTime()}`
  let counter = counters.get(slot)
  if (!counter) {
    counter = { waiting: [], inFlight: false }
    counters.set(slot, counter)
  }
  const batch = counter
  return new Promise((resolve, reject) => {
    batch.waiting.push({ resolve, reject })
    if (!batch.inFlight) void flush(db, { key, windowStart, slot }, batch, counters)
  })
}

type Waiter = { resolve: (hits: number) => void; reject: (error: unknown) => void }
type Counter = { waiting: Waiter[]; inFlight: boolean }

const batches = new WeakMap<Database, Map<string, Counter>>()

async function flush(
  db: Database,
  window: { key: string; windowStart: Date; slot: string },
  counter: Counter,
  counters: Map<string, Counter>,
): Promise<void> {
  counter.inFlight = true
  while (counter.waiting.length > 0) {
    const group = counter.waiting.splice(0)
    try {
      const row = await db
        .insertInto('rate_limits')
        .values({ key: window.key, window_start: window.windowStart, hits: group.length })
        .onConflict((oc) =>
          oc
            .columns(['key', 'window_start'])
            .doUpdateSet({ hits: sql`rate_limits.hits + ${group.length}` }),
        )
        .returning('hits')
        .executeTakeFirstOrThrow()
      const first = row.hits - group.length + 1
      for (const [i, waiter] of group.entries()) waiter.resolve(first + i)
    } catch (error) {
      for (const waiter of group) waiter.reject(error)
    }
  }
  counter.inFlight = false
  counters.delete(window.slot)
}

export async function pruneRateLimits(db: Database, before: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute()
}

/** Counting windows older than an hour are no longer read: deleted hourly. */
export const rateLimitJobs: JobsOf = (deps) => [
  {
    name: 'prune-rate-limits',
    everyMs: HOUR,
    run: (db) => pruneRateLimits(db, new Date(deps.clock.now().getTime() - HOUR)),
  },
]
