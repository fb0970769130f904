import { type Kysely, sql } from 'kysely'

/**
 * Issue 16, CUS-4 and CUS-5 (S0 篇五 (三)(五); S2 客户信息处理流程 1-3):
 * a record is entered as a draft and reviewed before it is active, and who
 * registered a customer first, and until when, decides who it belongs to.
 *
 * - `customers.status` gains `draft`, `submitted` and `rejected` beside
 *   `active`, `restricted` and `destroyed`; `last_activity_at` is the latest
 *   follow-up, visit or deal (the clock the customer pool reads); a customer
 *   in the pool has no owner (`owner_id` null).
 * - `entry_review_rules`: whether a new record needs review, by department
 *   and by source channel; the most specific rule decides, and the rule for
 *   no department and no source (every record needs review) is the default.
 * - `customer_reviews`: every submission, approval and rejection; a
 *   rejection's reason is sealed under the customer's key.
 * - `customer_registrations` (建档): who registered the customer and when,
 *   valid until a date that a follow-up or a deal renews (建档有效期); the
 *   earliest registration still valid decides the owner (客户首访原则).
 * - `customer_owner_changes`: every change of owner, by whom, why.
 * - `attribution_settings`: the validity period, what renews it, and how
 *   long a rejected draft is kept before it is destroyed (destruction
 *   reason `rejected_draft`).
 * - `customers.review` (managers, since 0001): approve or reject a record
 *   someone else entered; `customers.transfer` (managers): give a customer
 *   to another owner with a reason; `deals.manage` (sales, agents,
 *   managers): record deals (成交) of the customers in their scope;
 *   `pool.pick` (the same): take a customer from the department's pool.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customers').addColumn('last_activity_at', 'timestamptz').execute()
  // A customer returned to the pool (公海) has no owner until someone picks it.
  await sql`alter table customers alter column owner_id drop not null`.execute(db)
  await sql`alter table customers add constraint customers_status_check check (status in
    ('draft', 'submitted', 'rejected', 'active', 'restricted', 'destroyed'))`.execute(db)
  await sql`update customers set last_activity_at = created_at`.execute(db)

  await db.schema
    .createTable('entry_review_rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('source', 'text')
    .addColumn('required', 'boolean', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index entry_review_rules_scope_key
    on entry_review_rules (coalesce(department_id::text, ''), coalesce(source, ''))`.execute(db)
  await sql`insert into entry_review_rules (department_id, source, required)
    values (null, null, true)`.execute(db)

  await db.schema
    .createTable('customer_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('event', 'text', (c) =>
      c.notNull().check(sql`event in ('submitted', 'approved', 'rejected')`),
    )
    .addColumn('by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('sealed_reason', 'text')
    .execute()
  await db.schema
    .createIndex('customer_reviews_customer_idx')
    .on('customer_reviews')
    .columns(['customer_id', 'at'])
    .execute()

  await db.schema
    .createTable('customer_registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_reason', 'text', (c) =>
      c.check(sql`ended_reason in ('transferred', 'recycled', 'destroyed')`),
    )
    .addCheckConstraint(
      'customer_registrations_ended',
      sql`(ended_at is null) = (ended_reason is null)`,
    )
    .execute()
  await db.schema
    .createIndex('customer_registrations_customer_idx')
    .on('customer_registrations')
    .columns(['customer_id', 'registered_at'])
    .execute()
  await sql`insert into customer_registrations (customer_id, account_id, department_id,
      registered_at, valid_until)
    select id, owner_id, department_id, created_at, created_at + interval '60 days'
    from customers where status in ('active', 'restricted')`.execute(db)

  await db.schema
    .createTable('customer_owner_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('from_owner_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('to_owner_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('from_department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('to_department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('transfer', 'wish', 'recycled', 'picked')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('customer_owner_changes_customer_idx')
    .on('customer_owner_changes')
    .columns(['customer_id', 'changed_at'])
    .execute()

  await db.schema
    .createTable('attribution_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('registration_validity_days', 'integer', (c) =>
      c.notNull().defaultTo(60).check(sql`registration_validity_days between 1 and 3650`),
    )
    .addColumn('renew_on_follow_up', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('renew_on_deal', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('rejected_draft_days', 'integer', (c) =>
      c.notNull().defaultTo(30).check(sql`rejected_draft_days between 1 and 3650`),
    )
    .execute()
  await sql`insert into attribution_settings default values`.execute(db)

  // A rejected draft not corrected in time is destroyed (CUS-4), by a reason of its own.
  await sql`alter table destructions drop constraint destructions_reason_check`.execute(db)
  await sql`alter table destructions add constraint destructions_reason_check check (reason in
    ('retention_expired', 'customer_request', 'purpose_fulfilled', 'consent_withdrawn',
     'unlawfully_collected', 'rejected_draft'))`.execute(db)

  await sql`insert into role_permissions (role, permission) values
    ('manager', 'customers.transfer'),
    ('sales', 'deals.manage'), ('agent', 'deals.manage'), ('manager', 'deals.manage'),
    ('sales', 'pool.pick'), ('agent', 'pool.pick'), ('manager', 'pool.pick')
    on conflict do nothing`.execute(db)
}
