import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import type { AppDeps } from './deps.js'
import type { Logger } from './logging.js'

/**
 * Background jobs run in every server process but execute in one at a time:
 * each run takes a PostgreSQL advisory lock named after the job, and a
 * process that does not get it skips that round.
 */
export type Job = { name: string; everyMs: number; run(db: Database): Promise<unknown> }

/** What a module or layer schedules, given the server's dependencies (its configuration among them). */
export type JobsOf = (deps: AppDeps) => Job[]

export async function runExclusive(
  db: Database,
  name: string,
  work: (db: Database) => Promise<unknown>,
): Promise<boolean> {
  const key = `custodia:${name}`
  // One connection for lock, work and unlock: a session-level advisory lock belongs to its connection.
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      locked: boolean
    }>`select pg_try_advisory_lock(hashtext(${key})) as locked`.execute(connection)
    if (!rows[0]?.locked) return false
    try {
      await work(connection)
      return true
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection)
    }
  })
}

export function startJobs(db: Database, jobs: Job[], log: Logger): () => void {
  const timers = jobs.map((job) =>
    setInterval(() => {
      runExclusive(db, job.name, job.run).catch((error: unknown) => {
        log.error({ job: job.name, err: error }, 'background job failed')
      })
    }, job.everyMs),
  )
  for (const timer of timers) timer.unref()
  return () => {
    for (const timer of timers) clearInterval(timer)
  }
}
