import { type Kysely, sql } from 'kysely'

/** The reason codes as released (a copy: a migration imports nothing from the modules). */
const DESTRUCTION_REASONS = [
  'retention_expired',
  'customer_request',
  'purpose_fulfilled',
  'consent_withdrawn',
  'unlawfully_collected',
]

/**
 * Destruction by crypto-shredding and legal holds (RET-2, ACC-5, DSR-2).
 *
 * - `destructions`: requested with a reason, carried out only when a second
 *   authorised person approves. The record holds ids, a reason code, times
 *   and who — no personal data — and stays after the customer is gone.
 * - `legal_holds`: while one is active on a customer, nothing destroys it.
 * - `customers.destroyed_at`: the record that remains is the anonymised
 *   row (kind, grade, source, industry, size, department, dates) for
 *   statistics; its key, values and tokens are gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const reasons = sql.join(DESTRUCTION_REASONS.map((r) => sql.lit(r)))
  await db.schema
    .createTable('destructions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in (${reasons})`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending_approval', 'completed', 'rejected')`),
    )
    .addColumn('data_request_id', 'uuid', (c) => c.references('data_requests.id'))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute()
  // One pending destruction per customer at a time.
  await sql`create unique index destructions_pending_idx on destructions (customer_id) where status = 'pending_approval'`.execute(
    db,
  )

  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('released_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('released_at', 'timestamptz')
    .execute()
  await sql`create index legal_holds_active_idx on legal_holds (customer_id) where released_at is null`.execute(
    db,
  )

  await db.schema.alterTable('customers').addColumn('destroyed_at', 'timestamptz').execute()
}
