import { type Kysely, sql } from 'kysely'

/**
 * The retention periods Custodia starts with (S2 第七条、第八条), as released
 * (a copy: a migration imports nothing from the modules): a registration that
 * never becomes a customer is kept two months; a customer's identity and
 * records are kept five years after the last change of the relationship
 * (anti-money-laundering record keeping). `compliance` changes them since.
 */
const DEFAULT_POLICIES = [
  {
    code: 'lead_validity',
    name_zh: '未转化登记信息有效期',
    name_en: 'Validity of an unconverted registration',
    basis: 'lead',
    applies_to: 'leads',
    measured_from: 'created',
    purpose: null,
    period_days: 60,
  },
  {
    code: 'record_keeping',
    name_zh: '客户身份资料和交易记录保存期限',
    name_en: 'Customer identification and records',
    basis: 'legal',
    applies_to: 'all',
    measured_from: 'updated',
    purpose: null,
    period_days: 1825,
  },
]

/**
 * Retention policies and the review queue (RET-1): a scheduled job flags
 * each customer past a policy's period once, into `retention_reviews`, for
 * `compliance` to keep (with a reason code) or to send to destruction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_policies')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) =>
      c.notNull().check(sql`basis in ('legal', 'business', 'consented', 'lead')`),
    )
    .addColumn('applies_to', 'text', (c) => c.notNull().check(sql`applies_to in ('all', 'leads')`))
    .addColumn('measured_from', 'text', (c) =>
      c.notNull().check(sql`measured_from in ('created', 'updated', 'consent_withdrawn')`),
    )
    .addColumn('purpose', 'text', (c) => c.references('purposes.code'))
    .addColumn('period_days', 'integer', (c) => c.notNull().check(sql`period_days > 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addCheckConstraint(
      'retention_policies_purpose_check',
      sql`(measured_from = 'consent_withdrawn') = (purpose is not null)`,
    )
    .execute()
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('retention_policies')
    .values(DEFAULT_POLICIES)
    .execute()

  await db.schema
    .createTable('retention_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('policy', 'text', (c) => c.notNull().references('retention_policies.code'))
    .addColumn('expired_at', 'timestamptz', (c) => c.notNull())
    .addColumn('flagged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'kept', 'destruction_requested')`),
    )
    .addColumn('decided_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute()
  // A customer is flagged once per policy while a review is open.
  await sql`create unique index retention_reviews_open_idx on retention_reviews (customer_id, policy) where status = 'open'`.execute(
    db,
  )
}
