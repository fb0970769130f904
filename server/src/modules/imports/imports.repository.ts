import { type Selectable, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/database.js'
import type { DB, ImportState, ImportTable } from '../../db/schema.js'
import type { RowProblem } from './judge-rows.js'

export type ImportRow = Selectable<ImportTable>

export async function findImport(db: Database, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function importsBy(db: Database, accountId: string, limit: number) {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('created_by', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}

/**
 * How long a process holds a job it runs without renewing it: a batch
 * renews it, and takes a second or two; a stopped process's job is taken
 * up by another this long after its last batch.
 */
export const LEASE_MS = 15_000

/**
 * Takes the job for this process if no other holds it (a crashed
 * process's lease runs out): one process runs a job at a time. `alone`:
 * no other process can be running it (the embedded database is one
 * process's), so a lease left by a killed one is taken over at once.
 */
export async function leaseImport(
  db: Database,
  id: string,
  now: Date,
  alone: boolean,
): Promise<boolean> {
  const taken = await db
    .updateTable('imports')
    .set({ lease_until: new Date(now.getTime() + LEASE_MS) })
    .where('id', '=', id)
    .where('state', 'in', ['validating', 'importing'])
    .$if(!alone, (q) =>
      q.where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)])),
    )
    .executeTakeFirst()
  return taken.numUpdatedRows > 0n
}

/** Jobs waiting for a process: validating or importing, nobody's lease running (unless `alone`). */
export async function importsToRun(db: Database, now: Date, alone: boolean): Promise<string[]> {
  const rows = await db
    .selectFrom('imports')
    .select('id')
    .where('state', 'in', ['validating', 'importing'])
    .$if(!alone, (q) =>
      q.where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)])),
    )
    .orderBy('created_at')
    .execute()
  return rows.map((r) => r.id)
}

export type Progress = {
  state?: ImportState
  rows_checked?: number
  rows_total?: number
  rows_done?: number
  resume_row?: number
  counts?: Record<string, number>
  started_at?: Date
  finished_at?: Date
  failure?: string | null
}

/** Moves the job on, renewing its lease — unless it was cancelled meanwhile (answers false). */
export async function recordProgress(
  db: Database | Transaction<DB>,
  id: string,
  now: Date,
  progress: Progress,
): Promise<boolean> {
  const done = await db
    .updateTable('imports')
    .set({ ...progress, lease_until: new Date(now.getTime() + LEASE_MS) })
    .where('id', '=', id)
    .where('state', '<>', 'cancelled')
    .executeTakeFirst()
  return done.numUpdatedRows > 0n
}

export async function recordProblems(
  db: Database | Transaction<DB>,
  importId: string,
  problems: readonly (RowProblem & { row: number })[],
): Promise<void> {
  if (problems.length === 0) return
  await db
    .insertInto('import_problems')
    .values(problems.map((p) => ({ import_id: importId, ...p })))
    .onConflict((c) => c.doNothing())
    .execute()
}

export async function clearProblems(db: Database, importId: string): Promise<void> {
  await db.deleteFrom('import_problems').where('import_id', '=', importId).execute()
}

/** The problems of the next `rows` rows with any after row `after`, and whether more rows follow. */
export async function problemsOf(db: Database, importId: string, rows: number, after = 0) {
  const numbers = await db
    .selectFrom('import_problems')
    .select('row')
    .distinct()
    .where('import_id', '=', importId)
    .where('row', '>', after)
    .orderBy('row')
    .limit(rows + 1)
    .execute()
  const page = numbers.slice(0, rows).map((r) => r.row)
  if (page.length === 0) return { problems: [], more: false }
  const problems = await db
    .selectFrom('import_problems')
    .select(['row', 'column', 'field', 'problem'])
    .where('import_id', '=', importId)
    .where('row', 'in', page)
    .orderBy('row')
    .orderBy('field')
    .execute()
  return { problems, more: numbers.length > rows }
}

/** How many rows have each problem: the report's summary. */
export async function problemSummary(db: Database, importId: string) {
  const rows = await db
    .selectFrom('import_problems')
    .select(['problem', sql<number>`count(distinct row)::int`.as('rows')])
    .where('import_id', '=', importId)
    .groupBy('problem')
    .orderBy('problem')
    .execute()
  return rows
}

/** Ended jobs, and expired ones waiting for someone, whose files are still kept. */
export async function importsWithStaleFiles(db: Database, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('imports as i')
    .select('i.id')
    .where((w) =>
      w.or([
        w('i.state', 'in', ['done', 'failed', 'cancelled']),
        w.and([w('i.state', 'in', ['uploaded', 'ready']), w('i.expires_at', '<', now)]),
      ]),
    )
    .where((w) =>
      w.exists(
        w
          .selectFrom('import_file_chunks as c')
          .select('c.seq')
          .whereRef('c.import_id', '=', 'i.id'),
      ),
    )
    .execute()
  return rows.map((r) => r.id)
}
