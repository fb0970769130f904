import { type Kysely, sql } from 'kysely'

/**
 * Issue 16, CUS-9 and CUS-5 (S0 篇五 (二) 5, (三) 1 and 4-5, (五)): deals
 * (成交) and the split of their credit between who closed and who registered.
 *
 * - `deal_stages`: the stages a deal goes through, as the company names
 *   them, in order; by default 意向, 小定, 大定, 签约, 交款, and the two ends
 *   未成交 and 退订. `kind` says what a stage means to the system: `open`
 *   before signing, `signed` and `paid` fix the credit split, `lost` and
 *   `cancelled` end the deal with a reason.
 * - `deal_reasons`: the reasons a deal ends 未成交 (`lost`) or 退订
 *   (`cancelled`) with (未成交及退房原因).
 * - `deal_settings`: the shares of the credit split; each pair adds up to 1.
 * - `deals`: one deal of one customer: its stage, its amount (sealed under
 *   the customer's key, never plain), the product (plain, not personal),
 *   the closing salesperson, and — from signing on — the credit split with
 *   its explanation (`credit`), fixed at `credit_fixed_at`. A destroyed
 *   customer's deals are kept unlinked (`customer_id` null).
 * - `deal_stage_changes`: every stage a deal reached, when, by whom, why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deal_stages')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[a-z][a-z0-9_]{0,31}$'`))
    .addColumn('position', 'integer', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('open', 'signed', 'paid', 'lost', 'cancelled')`),
    )
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute()
  await sql`insert into deal_stages (code, position, kind, label_zh, label_en) values
    ('intent', 10, 'open', '意向', 'Intent'),
    ('small_deposit', 20, 'open', '小定', 'Small deposit'),
    ('large_deposit', 30, 'open', '大定', 'Large deposit'),
    ('signed', 40, 'signed', '签约', 'Signed'),
    ('paid', 50, 'paid', '交款', 'Paid'),
    ('lost', 60, 'lost', '未成交', 'Not closed'),
    ('cancelled', 70, 'cancelled', '退订', 'Cancelled')`.execute(db)

  await db.schema
    .createTable('deal_reasons')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('lost', 'cancelled')`))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[a-z][a-z0-9_]{0,31}$'`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('deal_reasons_pkey', ['kind', 'code'])
    .execute()
  await sql`insert into deal_reasons (kind, code, position, label_zh, label_en) values
    ('lost', 'price', 10, '价格', 'Price'),
    ('lost', 'location', 20, '地段', 'Location'),
    ('lost', 'layout', 30, '户型', 'Layout'),
    ('lost', 'amenities', 40, '配套', 'Amenities'),
    ('lost', 'funds', 50, '资金', 'Funds'),
    ('lost', 'competitor', 60, '竞品', 'A competitor'),
    ('lost', 'other', 70, '其他', 'Other'),
    ('cancelled', 'price', 10, '价格', 'Price'),
    ('cancelled', 'funds', 20, '资金（含贷款未获批）', 'Funds (a loan refused included)'),
    ('cancelled', 'layout', 30, '户型', 'Layout'),
    ('cancelled', 'competitor', 40, '竞品', 'A competitor'),
    ('cancelled', 'family', 50, '家庭原因', 'Family reasons'),
    ('cancelled', 'other', 60, '其他', 'Other')`.execute(db)

  const share = (column: string) => sql.raw(`${column} >= 0 and ${column} <= 1`)
  await db.schema
    .createTable('deal_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('valid_closer_share', 'numeric(5, 4)', (c) =>
      c.notNull().defaultTo('0.8').check(share('valid_closer_share')),
    )
    .addColumn('valid_registrant_share', 'numeric(5, 4)', (c) =>
      c.notNull().defaultTo('0.2').check(share('valid_registrant_share')),
    )
    .addColumn('same_day_closer_share', 'numeric(5, 4)', (c) =>
      c.notNull().defaultTo('0.5').check(share('same_day_closer_share')),
    )
    .addColumn('same_day_registrant_share', 'numeric(5, 4)', (c) =>
      c.notNull().defaultTo('0.5').check(share('same_day_registrant_share')),
    )
    .addCheckConstraint(
      'deal_settings_valid_sum',
      sql`valid_closer_share + valid_registrant_share = 1`,
    )
    .addCheckConstraint(
      'deal_settings_same_day_sum',
      sql`same_day_closer_share + same_day_registrant_share = 1`,
    )
    .execute()
  await sql`insert into deal_settings default values`.execute(db)

  await db.schema
    .createTable('deals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('stage', 'text', (c) => c.notNull().references('deal_stages.code'))
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('product', 'text')
    .addColumn('closer_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('reason', 'text')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('credit', 'jsonb')
    .addColumn('credit_fixed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('deals_credit_fixed', sql`(credit is null) = (credit_fixed_at is null)`)
    .execute()
  await db.schema.createIndex('deals_customer_idx').on('deals').column('customer_id').execute()
  await db.schema
    .createIndex('deals_stage_idx')
    .on('deals')
    .columns(['stage', 'updated_at desc'])
    .execute()

  await db.schema
    .createTable('deal_stage_changes')
    // In the order they happened, several in one moment included.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('deal_id', 'uuid', (c) => c.notNull().references('deals.id'))
    .addColumn('from_stage', 'text', (c) => c.references('deal_stages.code'))
    .addColumn('to_stage', 'text', (c) => c.notNull().references('deal_stages.code'))
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('deal_stage_changes_deal_idx')
    .on('deal_stage_changes')
    .columns(['deal_id', 'changed_at'])
    .execute()
}
