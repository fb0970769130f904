import { sql } from 'kysely'
import type { Database } from './database.js'

/**
 * A PostgreSQL server keeps its planner statistics fresh with autovacuum; the
 * embedded database runs no background worker, so its statistics stay as they
 * were when the tables were small. A keyset page over an audit trail grown by
 * a hundred thousand events was then planned as a hash join over the whole
 * table: 50 times slower than with current statistics (measured in
 * docs/benchmarks.md). ANALYZE samples a bounded number of rows per table, so
 * it stays cheap however large the tables grow.
 */
export async function refreshPlannerStatistics(db: Database): Promise<void> {
  await sql`analyze`.execute(db)
}
