import { type Kysely, sql } from 'kysely'

/**
 * Issue 18 §2, DQ-3, CLS-4, ACC-5: exports of the customer list.
 *
 * - `exports`: one export asked for — who asked, when, the format (csv,
 *   xlsx), the mode (masked, plain), the catalogue fields, the filter (its
 *   plain attributes and the names of the searches in `filter_summary`; the
 *   whole filter, search terms included, sealed in `sealed_filter`, since a
 *   name or a mobile searched for is a personal value), the purpose of a
 *   plain export, the rows counted when it was asked for, its state
 *   (pending_approval, ready), when it became ready and until when it may
 *   be downloaded, and how often it was. No value of a customer: the file
 *   is made when it is downloaded, never kept.
 * - `customers.export` for managers and compliance, who export their
 *   list; `exports.approve` for the same roles, who approve another's plain
 *   export as the second person (ACC-5); managers get the approvals queue
 *   (`approvals.review`) to do so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'xlsx')`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('masked', 'plain')`))
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('filter_summary', 'jsonb', (c) => c.notNull())
    .addColumn('sealed_filter', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending_approval', 'ready')`),
    )
    .addColumn('ready_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('exports_requested_by_idx')
    .on('exports')
    .columns(['requested_by', 'requested_at'])
    .execute()

  await sql`insert into role_permissions (role, permission) values
    ('manager', 'customers.export'),
    ('compliance', 'customers.export'),
    ('manager', 'exports.approve'),
    ('compliance', 'exports.approve'),
    ('manager', 'approvals.review')
    on conflict do nothing`.execute(db)
}
