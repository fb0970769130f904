import { type Kysely, sql } from 'kysely'

/**
 * Issue 17, CUS-8 and DQ-2: the weekly review (客户信息梳理, 每周进行一次)
 * and the re-confirmation of a customer's record with the customer
 * (定期与客户联系，更新客户信息).
 *
 * - `weekly_review_settings`: after how many days without a change or a
 *   confirmation a record is stale (90), and after how many days without a
 *   confirmation it is due for re-confirmation (365).
 * - `weekly_reviews`: one recorded review of an ISO week (`2026-W49`), of
 *   one grade of one department, once: who recorded it, when, and the
 *   counts of each section as they were then (numbers only).
 * - `weekly_review_items`: the plan items of next week a review made into
 *   follow-ups, each with its follow-up, its customer and an optional note
 *   sealed under that customer's key (destroyed with the customer).
 * - `customer_confirmations`: a re-confirmation of a customer's record: the
 *   catalogue's field names confirmed (never a value), how (phone, visit,
 *   email, message, portal), when, by whom.
 * - `reviews.record` for managers (销售主任): records the week's review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('weekly_review_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('stale_days', 'integer', (c) =>
      c.notNull().defaultTo(90).check(sql`stale_days between 1 and 3650`),
    )
    .addColumn('reconfirm_days', 'integer', (c) =>
      c.notNull().defaultTo(365).check(sql`reconfirm_days between 1 and 3650`),
    )
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`insert into weekly_review_settings default values`.execute(db)

  await db.schema
    .createTable('weekly_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('week', 'text', (c) => c.notNull().check(sql`week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('weekly_reviews_once', ['week', 'grade', 'department_id'])
    .execute()

  await db.schema
    .createTable('weekly_review_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('review_id', 'uuid', (c) => c.notNull().references('weekly_reviews.id'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_ups.id'))
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('added_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('weekly_review_items_review_idx')
    .on('weekly_review_items')
    .column('review_id')
    .execute()
  await db.schema
    .createIndex('weekly_review_items_customer_idx')
    .on('weekly_review_items')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('customer_confirmations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('fields', sql`text[]`, (c) => c.notNull())
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in ('phone', 'visit', 'email', 'message', 'portal')`),
    )
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('customer_confirmations_customer_idx')
    .on('customer_confirmations')
    .columns(['customer_id', 'confirmed_at'])
    .execute()

  await sql`insert into role_permissions (role, permission) values
    ('manager', 'reviews.record')
    on conflict do nothing`.execute(db)
}
