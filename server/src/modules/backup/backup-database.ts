import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { BackupContents } from './backup-archive.js'

/** Every table of the schema but the migration bookkeeping: the restore migrates first. */
async function dataTables(db: Database): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = 'public' and tablename not like 'schema_migrations%'
    order by tablename`.execute(db)
  return rows.map((r) => r.name)
}

/**
 * Reads every table in one repeatable-read snapshot, so the backup is one
 * consistent moment even while the server writes. Rows are taken as JSON
 * by the database itself, which restores them the same way — one dialect
 * for PGlite and PostgreSQL.
 */
export async function dumpDatabase(db: Database): Promise<BackupContents> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const tables: BackupContents['tables'] = []
      for (const name of await dataTables(trx)) {
        const { rows } = await sql<{ rows: unknown[] }>`
          select coalesce(json_agg(t), '[]'::json) as rows from ${sql.table(name)} t`.execute(trx)
        tables.push({ name, rows: rows[0]?.rows ?? [] })
      }
      return { tables }
    })
}

/**
 * Replaces the contents of a migrated database with a backup's, in one
 * transaction. Triggers and foreign-key checks are off meanwhile
 * (`session_replication_role = replica`, which takes a superuser or the
 * owner): the append-only audit tables are written as they were, not
 * appended to. Identity counters continue after the restored rows.
 */
export async function loadDatabase(db: Database, contents: BackupContents): Promise<void> {
  const present = new Set(await dataTables(db))
  const unknown = contents.tables.map((t) => t.name).filter((name) => !present.has(name))
  if (unknown.length > 0)
    throw new Error(`the backup has tables this version lacks: ${unknown.join(', ')}`)
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx)
    await sql`truncate ${sql.join([...present].map((name) => sql.table(name)))}`.execute(trx)
    for (const { name, rows } of contents.tables) {
      if (rows.length === 0) continue
      await sql`insert into ${sql.table(name)} overriding system value
        select * from json_populate_recordset(null::${sql.table(name)}, ${JSON.stringify(rows)}::json)`.execute(
        trx,
      )
    }
    const { rows: identities } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')`.execute(
      trx,
    )
    for (const { table_name, column_name } of identities) {
      await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}),
        coalesce((select max(${sql.ref(column_name)}) from ${sql.table(table_name)}), 0) + 1, false)`.execute(
        trx,
      )
    }
  })
}
