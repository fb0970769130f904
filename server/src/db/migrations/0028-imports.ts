import { type Kysely, sql } from 'kysely'

/**
 * Issue 18 §1, DQ-3: an import of customers from a CSV or Excel file as one
 * durable job.
 *
 * - `imports`: the job — who uploaded it, its state (uploaded, validating,
 *   ready, importing, done, failed, cancelled), the file's name, format,
 *   size and encoding, the header row sealed (a file without one would put
 *   a customer's values there), the options (column mapping, kind, source,
 *   owner, duplicate handling), the counts of the dry run and of the run,
 *   and `resume_row`: the last row whose outcome committed, from which a
 *   run interrupted by a restart goes on — no row twice, none lost;
 *   `lease_until`: until when the server process running it holds it
 *   (renewed with every batch), so that one process runs a job at a time
 *   and another takes it over once a crashed one's lease has run out.
 * - `import_file_chunks`: the uploaded file, in order, each chunk sealed
 *   with the installation's cipher suite; deleted when the job ends or
 *   expires.
 * - `import_problems`: the per-row report — row, column, field and the
 *   problem's message key, never the value.
 * - `customers.import` for managers (销售主任), who enter customers for their
 *   department.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('uploaded', 'validating', 'ready', 'importing', 'done', 'failed', 'cancelled')`,
        ),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'xlsx')`))
    .addColumn('encoding', 'text')
    .addColumn('byte_size', 'bigint', (c) => c.notNull())
    .addColumn('sealed_header', 'text', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('rows_total', 'integer')
    .addColumn('rows_checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resume_row', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('failure', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('imports_created_by_idx')
    .on('imports')
    .columns(['created_by', 'created_at'])
    .execute()

  await db.schema
    .createTable('import_file_chunks')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_file_chunks_pk', ['import_id', 'seq'])
    .execute()

  await db.schema
    .createTable('import_problems')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('column', 'integer')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_problems_pk', ['import_id', 'row', 'field'])
    .execute()

  await sql`insert into role_permissions (role, permission) values
    ('manager', 'customers.import')
    on conflict do nothing`.execute(db)
}
