import { type Kysely, sql } from 'kysely'

/**
 * Issue 16, CUS-10, the customer pool (公海), which enforces 建档有效期 (S0
 * 篇五 (五): a registration holds for two months): a customer its owner
 * neither follows up nor closes a deal with for a period returns to its
 * department's pool, with a warning to the owner first; staff pick from
 * the pool within limits.
 *
 * - `pool_rules`: after how many days without a follow-up or a deal a
 *   customer returns to the pool, and how many days before that its owner
 *   is warned, per grade; the rule for no grade is the default (60 days,
 *   the seeds' two months, warned 7 days before).
 * - `pool_settings`: whether customers are returned at all, how many one
 *   person may pick a day (5), how long a former owner waits before picking
 *   the same customer again (30 days), and how many customers one person
 *   may own before picking more (500).
 * - `pool_warnings`: each warning given to an owner, once per stretch
 *   without activity, and the moment it said the customer would return.
 * - `pool_picks`: each pick, on the company's calendar day (the daily
 *   limit counts them); a destroyed customer's picks are kept unlinked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pool_rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('grade', 'text')
    .addColumn('recycle_after_days', 'integer', (c) =>
      c.notNull().check(sql`recycle_after_days between 1 and 3650`),
    )
    .addColumn('warn_days_before', 'integer', (c) =>
      c.notNull().check(sql`warn_days_before between 0 and 365`),
    )
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('pool_rules_warn_before', sql`warn_days_before < recycle_after_days`)
    .execute()
  await sql`create unique index pool_rules_grade_key on pool_rules (coalesce(grade, ''))`.execute(
    db,
  )
  await sql`insert into pool_rules (grade, recycle_after_days, warn_days_before)
    values (null, 60, 7)`.execute(db)

  await db.schema
    .createTable('pool_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('recycling_enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('daily_pick_limit', 'integer', (c) =>
      c.notNull().defaultTo(5).check(sql`daily_pick_limit between 0 and 1000`),
    )
    .addColumn('cool_off_days', 'integer', (c) =>
      c.notNull().defaultTo(30).check(sql`cool_off_days between 0 and 3650`),
    )
    .addColumn('owner_cap', 'integer', (c) =>
      c.notNull().defaultTo(500).check(sql`owner_cap between 1 and 1000000`),
    )
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`insert into pool_settings default values`.execute(db)

  await db.schema
    .createTable('pool_warnings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('returns_at', 'timestamptz', (c) => c.notNull())
    .addColumn('warned_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('pool_warnings_customer_idx')
    .on('pool_warnings')
    .columns(['customer_id', 'warned_at'])
    .execute()

  await db.schema
    .createTable('pool_picks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull().check(sql`day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('picked_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('pool_picks_account_day_idx')
    .on('pool_picks')
    .columns(['account_id', 'day'])
    .execute()
  await db.schema
    .createIndex('pool_picks_customer_idx')
    .on('pool_picks')
    .column('customer_id')
    .execute()
}
