import { type Kysely, sql } from 'kysely'

/**
 * Issue 17 §6: a customer's first contact — the moment of its first
 * interaction and who made it — kept on the customer, so that the
 * statistics count first contacts, and the conversion from first contact
 * to deal, as a range read of an index instead of a probe of every
 * interaction of the range (docs/benchmarks.md, "Daily work"). Filled for
 * the interactions already logged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('customers')
    .addColumn('first_contact_at', 'timestamptz')
    .addColumn('first_contact_by', 'uuid', (c) => c.references('accounts.id'))
    .execute()
  await db.schema
    .createIndex('customers_first_contact_idx')
    .on('customers')
    .column('first_contact_at')
    .where(sql.ref('first_contact_at'), 'is not', null)
    .execute()
  await sql`
    update customers c
       set first_contact_at = f.occurred_at, first_contact_by = f.staff_id
      from (select distinct on (customer_id) customer_id, occurred_at, staff_id
              from interactions
             where customer_id is not null
             order by customer_id, occurred_at, id) f
     where f.customer_id = c.id`.execute(db)
}
