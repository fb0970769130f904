import type { Kysely } from 'kysely'

/**
 * Issue 16, found in issue 17: a customer picked from the pool (公海) had no
 * owner to come from, so the pick was left out of the owner history — the
 * history said who gave a customer up, never who took it back. A change of
 * owner now has no `from_owner_id` when it starts in the pool, and every
 * change is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('customer_owner_changes')
    .alterColumn('from_owner_id', (c) => c.dropNotNull())
    .execute()
}
