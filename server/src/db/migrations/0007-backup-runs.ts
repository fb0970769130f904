import { type Kysely, sql } from 'kysely'

/** OPS-1: every backup, verification and restore, with its outcome — shown in the console. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('create', 'verify', 'restore')`),
    )
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule', 'command')`))
    .addColumn('backup_id', 'text')
    .addColumn('file', 'text')
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index backup_runs_recent_idx on backup_runs (started_at desc)`.execute(db)
}
