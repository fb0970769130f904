import { type Kysely, sql } from 'kysely'

/**
 * Issue 17, CUS-6, follow-up plans (跟踪 / 回访) and the notification centre.
 *
 * - `follow_up_settings`: every how many days a recurring plan comes round
 *   for a customer of tracking level A (7) and B (14) — level C has no
 *   recurring plan; how long before its due time the assignee is reminded
 *   (0 minutes: at the due time); how many hours past the due time an open
 *   follow-up is escalated to the assignee's managers (24).
 * - `follow_ups`: one planned follow-up of a customer: who does it, when,
 *   the purpose (a code), whether it recurs, and once done the result (a
 *   code) with a note sealed under the customer's key; when its assignee
 *   was reminded and when it was escalated (each once).
 * - `notifications`: a per-account message of the console's notification
 *   centre: its kind, a link into the console, masked text parameters (never
 *   a plain personal value), when it was read and when it was mailed.
 * - `notification_addresses`: the e-mail address an account receives its
 *   notifications at, when the server sends e-mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('follow_up_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('level_a_every_days', 'integer', (c) =>
      c.notNull().defaultTo(7).check(sql`level_a_every_days between 1 and 365`),
    )
    .addColumn('level_b_every_days', 'integer', (c) =>
      c.notNull().defaultTo(14).check(sql`level_b_every_days between 1 and 365`),
    )
    .addColumn('remind_before_minutes', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`remind_before_minutes between 0 and 10080`),
    )
    .addColumn('escalate_after_hours', 'integer', (c) =>
      c.notNull().defaultTo(24).check(sql`escalate_after_hours between 1 and 720`),
    )
    .addColumn('changed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`insert into follow_up_settings default values`.execute(db)

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('assignee_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('recurring', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'done')`),
    )
    .addColumn('result', 'text')
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('previous_id', 'uuid', (c) => c.references('follow_ups.id'))
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('completed_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('follow_ups_open_due_idx')
    .on('follow_ups')
    .columns(['status', 'due_at'])
    .execute()
  await db.schema
    .createIndex('follow_ups_assignee_idx')
    .on('follow_ups')
    .columns(['assignee_id', 'due_at'])
    .execute()
  await db.schema
    .createIndex('follow_ups_customer_idx')
    .on('follow_ups')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addColumn('mailed_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('notifications_account_idx')
    .on('notifications')
    .columns(['account_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('notification_addresses')
    .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute()
}
