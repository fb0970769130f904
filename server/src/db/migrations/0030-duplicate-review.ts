import { type Kysely, sql } from 'kysely'

/**
 * Issue 18 §3, DQ-1: the review queue of likely duplicates.
 *
 * - `duplicate_pairs`: two customers the sweep found likely to be one
 *   person (the lower id first, so a pair is stored once), the score and
 *   its reasons (field and agreement level with their weights, never a
 *   value), when it was first found and last scored, and what a reviewer
 *   decided (open, dismissed as two people, merged) — by whom and when. A
 *   dismissed pair stays dismissed: the next sweep does not ask again.
 * - `duplicate_sweeps`: each sweep's figures (customers compared, candidate
 *   pairs, customers opened to be scored, likely pairs), so the queue can
 *   say when it was last filled and over how many.
 * - `duplicates.review` for managers (their department's pairs) and
 *   compliance (every pair).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('duplicate_pairs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_a', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('customer_b', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'dismissed', 'merged')`),
    )
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    .addColumn('scored_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'timestamptz')
    .addCheckConstraint('duplicate_pairs_ordered', sql`customer_a < customer_b`)
    .addUniqueConstraint('duplicate_pairs_once', ['customer_a', 'customer_b'])
    .execute()
  await db.schema
    .createIndex('duplicate_pairs_queue_idx')
    .on('duplicate_pairs')
    .columns(['status', 'score desc'])
    .execute()
  // Destruction and merging find a customer's pairs from either side.
  await db.schema
    .createIndex('duplicate_pairs_customer_b_idx')
    .on('duplicate_pairs')
    .column('customer_b')
    .execute()

  await db.schema
    .createTable('duplicate_sweeps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('compared', 'integer', (c) => c.notNull())
    .addColumn('candidate_pairs', 'integer', (c) => c.notNull())
    .addColumn('opened', 'integer', (c) => c.notNull())
    .addColumn('likely_pairs', 'integer', (c) => c.notNull())
    .execute()

  await sql`insert into role_permissions (role, permission) values
    ('manager', 'duplicates.review'),
    ('compliance', 'duplicates.review')
    on conflict do nothing`.execute(db)
}
