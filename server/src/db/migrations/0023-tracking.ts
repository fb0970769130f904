import { type Kysely, sql } from 'kysely'
import { DEFAULT_TRACKING_FIELDS } from './0023-tracking.data.js'

/**
 * Issue 17 §3, the tracking form of A and B customers (客户追踪表) and the
 * salesperson's daily report (晚会, 篇五 (三)(四)).
 *
 * - `tracking_settings`: the form's fields (code, kind, labels, choices) and
 *   after how many days without an update a form of a level-A (7) or
 *   level-B (14) customer is stale.
 * - `tracking_form_versions`: every update of a customer's form, numbered:
 *   the values as one JSON sealed under the customer's key, the fields as
 *   defined then, which codes hold a value and which this version changed
 *   (codes only, never a value). A version is never changed: evidence.
 * - `tracking_checks`: the supervisor's periodic checks (销售主任 / manager)
 *   of a customer's form, the version seen and a comment sealed under the
 *   customer's key.
 * - `daily_reports`: one per salesperson and company calendar day: the
 *   day's counts taken from the records at submission, problems and
 *   suggestions sealed with the system secret box (they may name several
 *   customers), the manager's review; reviewed, it is locked.
 * - `tracking.supervise`: checks forms and reviews daily reports (managers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tracking_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('level_a_stale_days', 'integer', (c) =>
      c.notNull().defaultTo(7).check(sql`level_a_stale_days between 1 and 365`),
    )
    .addColumn('level_b_stale_days', 'integer', (c) =>
      c.notNull().defaultTo(14).check(sql`level_b_stale_days between 1 and 365`),
    )
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`insert into tracking_settings (fields) values (${JSON.stringify(DEFAULT_TRACKING_FIELDS)}::jsonb)`.execute(
    db,
  )

  await db.schema
    .createTable('tracking_form_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('filled', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('changed', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('tracking_form_versions_customer_version', ['customer_id', 'version'])
    .execute()

  await db.schema
    .createTable('tracking_checks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('version', 'integer')
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('checked_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('tracking_checks_customer_idx')
    .on('tracking_checks')
    .columns(['customer_id', 'checked_at'])
    .execute()

  await db.schema
    .createTable('daily_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('sealed_text', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('amended_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('sealed_comment', 'text')
    .addUniqueConstraint('daily_reports_account_day', ['account_id', 'day'])
    .execute()
  await db.schema
    .createIndex('daily_reports_department_day_idx')
    .on('daily_reports')
    .columns(['department_id', 'day'])
    .execute()

  await sql`insert into role_permissions (role, permission) values ('manager', 'tracking.supervise')
    on conflict do nothing`.execute(db)
}
