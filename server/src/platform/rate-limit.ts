import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { HOUR } from './clock.js'
import type { JobsOf } from './jobs.js'

/**
 * A fixed-window counter kept in the database, so every server process sharing
 * one PostgreSQL counts together. Returns the hits in the current window,
 * this one included.
 */
export async function countHit(
  db: Database,
  key: string,
  now: Date,
  windowMs: number,
): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow()
  return row.hits
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
