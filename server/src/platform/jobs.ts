import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import type { Logger } from './logging.js'

/**
 * Background jobs run in every server process but execute in one at a time:
 * each run takes a transaction-scoped PostgreSQL advisory lock named after the
 * job, and a process that does not get it skips that round.
 */
export type Job = { name: string; everyMs: number; run(db: Database): Promise<void> }

export async function runExclusive(
  db: Database,
  name: string,
  work: (db: Database) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean
    }>`select pg_try_advisory_xact_lock(hashtext(${`custodia:${name}`})) as locked`.execute(trx)
    if (!rows[0]?.locked) return false
    await work(trx)
    return true
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
