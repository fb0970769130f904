import { type Kysely, sql } from 'kysely'
import { FIELD_CATALOGUE, PURPOSES } from './0003-customers.data.js'

/**
 * Protected customer records (CUS-1, CLS-1 to CLS-5, ACC-2).
 *
 * - Keys: the cipher suite chosen at set-up, system keys (the blind-index
 *   key) and one data key per customer, all stored only wrapped by the
 *   master key, which lives outside the database.
 * - Customers: plain, non-personal attributes in `customers`; every personal
 *   value sealed under the customer's data key, general ones in
 *   `customer_personal` and sensitive ones apart in `customer_sensitive`
 *   (CLS-3); blind-index tokens in `customer_search_tokens` (CLS-5).
 * - The field catalogue and the purposes, seeded with the defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crypto_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('suite', 'text', (c) => c.notNull().check(sql`suite in ('aes-gcm', 'sm')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('system_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('wrapped', 'bytea', (c) => c.notNull())
    .addColumn('master_key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('customers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('individual', 'organization')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('grade', 'text')
    .addColumn('tracking_level', 'text')
    .addColumn('tenure', 'text')
    .addColumn('industry', 'text')
    .addColumn('size', 'text')
    .addColumn('source', 'text')
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('department_id', 'uuid', (c) => c.references('departments.id'))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  // Keyset pagination, newest first, overall and within a scope.
  await sql`create index customers_page_idx on customers (created_at desc, id desc)`.execute(db)
  await sql`create index customers_department_page_idx on customers (department_id, created_at desc, id desc)`.execute(
    db,
  )
  await sql`create index customers_owner_page_idx on customers (owner_id, created_at desc, id desc)`.execute(
    db,
  )

  // The customer's data key, wrapped. Deleting this row destroys the customer (RET-2).
  await db.schema
    .createTable('customer_keys')
    .addColumn('customer_id', 'uuid', (c) => c.primaryKey().references('customers.id'))
    .addColumn('wrapped', 'bytea', (c) => c.notNull())
    .addColumn('master_key_id', 'text', (c) => c.notNull())
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .execute()

  // field -> base64 sealed value; the field names show, never a value.
  for (const table of ['customer_personal', 'customer_sensitive']) {
    await db.schema
      .createTable(table)
      .addColumn('customer_id', 'uuid', (c) =>
        c.primaryKey().references('customers.id').onDelete('cascade'),
      )
      .addColumn('sealed', 'jsonb', (c) => c.notNull())
      .execute()
  }

  await db.schema
    .createTable('customer_search_tokens')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'uuid', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('customer_search_tokens_pkey', ['field', 'token', 'customer_id'])
    .execute()
  await db.schema
    .createIndex('customer_search_tokens_customer_idx')
    .on('customer_search_tokens')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('field_catalogue')
    .addColumn('field', 'text', (c) => c.primaryKey())
    .addColumn('applies_to', 'text', (c) =>
      c.notNull().check(sql`applies_to in ('individual', 'organization', 'both')`),
    )
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('level', 'smallint', (c) => c.notNull().check(sql`level between 0 and 3`))
    .addColumn('sensitive', 'boolean', (c) => c.notNull())
    .addColumn('masking', 'text', (c) => c.notNull())
    .addColumn('encrypted', 'boolean', (c) => c.notNull())
    .addColumn('searchable', 'boolean', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('retention_days', 'integer')
    .addColumn('custom', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // CLS-2: a personal field (level 1-3) is always encrypted.
    .addCheckConstraint('field_catalogue_personal_encrypted', sql`level = 0 or encrypted`)
    .execute()

  await db.schema
    .createTable('purposes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) =>
      c.notNull().check(sql`legal_basis in ('consent', 'contract', 'legal_obligation')`),
    )
    .addColumn('description_zh', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute()

  const seedDb = db as Kysely<Record<string, Record<string, unknown>>>
  await seedDb.insertInto('field_catalogue').values(FIELD_CATALOGUE).execute()
  await seedDb.insertInto('purposes').values(PURPOSES).execute()
}
