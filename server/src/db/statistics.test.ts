import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testEngine } from '../../test/test-database.js'
import { loadConfig } from '../config.js'
import type { AppDeps } from '../platform/deps.js'
import { databaseJobs } from './database.jobs.js'
import type { DatabaseHandle } from './database.js'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

function depsWith(env: Record<string, string>): AppDeps {
  return { config: loadConfig({ CUSTODIA_DATA_DIR: '/nonexistent', ...env }) } as AppDeps
}

/** Rows the planner believes audit_events holds. */
async function plannedRows(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select reltuples::bigint as n from pg_class where relname = 'audit_events'`.execute(handle.db)
  return Number(rows[0]?.n)
}

describe('planner statistics on the embedded database (issue 13 item 11)', () => {
  it('are refreshed hourly by a job on the embedded database, left to autovacuum on a server', async () => {
    expect(databaseJobs(depsWith({ DATABASE_URL: 'postgres://db.example/custodia' }))).toEqual([])
    const [job, ...others] = databaseJobs(depsWith({}))
    expect(others).toEqual([])
    expect(job).toMatchObject({ name: 'planner-statistics', everyMs: 3_600_000 })

    await sql`insert into audit_events (occurred_at, actor_type, actor_name, action, outcome)
      select now(), 'system', 'load', 'test.bulk', 'allowed' from generate_series(1, 5000)`.execute(
      handle.db,
    )
    // Stale until refreshed (a server's autovacuum may already have caught up).
    if (testEngine === 'pglite') expect(await plannedRows()).toBeLessThan(5000)
    await job?.run(handle.db)
    expect(await plannedRows()).toBeGreaterThanOrEqual(5000)
  })
})
