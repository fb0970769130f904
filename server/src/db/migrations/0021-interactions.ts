import { type Kysely, sql } from 'kysely'

/**
 * Issue 17, CUS-6: interactions (跟进记录) logged against a customer.
 *
 * - `interaction_outcomes`: how an interaction ended, as the company names
 *   the outcomes, in order, with a label in each language.
 * - `interactions`: one visit, call, message, meeting or e-mail with one
 *   customer: when, by which member of staff, on which channel, inbound or
 *   outbound, how long (minutes), its outcome (a code of the list), and its
 *   free-text note and next step sealed under the customer's key (`sealed`,
 *   never plain). `origin` and `origin_ref` name the reception register
 *   entry it was logged from, if any. A destroyed customer's interactions
 *   are kept unlinked (`customer_id` null) with nothing sealed left, so that
 *   reports still count them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('interaction_outcomes')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[a-z][a-z0-9_]{0,31}$'`))
    .addColumn('position', 'integer', (c) => c.notNull().unique())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute()
  await sql`insert into interaction_outcomes (code, position, label_zh, label_en) values
    ('interested', 10, '有意向', 'Interested'),
    ('appointment', 20, '约定来访', 'Visit arranged'),
    ('considering', 30, '考虑中', 'Considering'),
    ('deposit', 40, '已下定', 'Deposit paid'),
    ('signed', 50, '已签约', 'Signed'),
    ('not_interested', 60, '无意向', 'Not interested'),
    ('unreachable', 70, '未接通', 'Not reached'),
    ('other', 80, '其他', 'Other')`.execute(db)

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('channel', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`channel in ('visit', 'phone', 'message', 'wechat', 'meeting', 'email', 'other')`,
        ),
    )
    .addColumn('direction', 'text', (c) =>
      c.notNull().check(sql`direction in ('inbound', 'outbound')`),
    )
    .addColumn('duration_minutes', 'integer', (c) =>
      c.check(sql`duration_minutes between 0 and 1440`),
    )
    .addColumn('outcome', 'text', (c) => c.references('interaction_outcomes.code'))
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('origin', 'text', (c) =>
      c.check(sql`origin in ('reception_visit', 'reception_call')`),
    )
    .addColumn('origin_ref', 'uuid')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('interactions_origin_ref', sql`(origin is null) = (origin_ref is null)`)
    .execute()
  await db.schema
    .createIndex('interactions_customer_idx')
    .on('interactions')
    .columns(['customer_id', 'occurred_at desc'])
    .execute()
  await db.schema
    .createIndex('interactions_staff_idx')
    .on('interactions')
    .columns(['staff_id', 'occurred_at'])
    .execute()
}
