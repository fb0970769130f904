import { sql } from 'kysely'
import type { Database, DatabaseTransaction } from '../db/database.js'
import type { DB } from '../db/schema.js'
import type { CustomerKey, Vault } from '../security/vault.js'

/** What an access export opens a customer's sealed values with: the vault and the customer's key. */
export type CustomerExportContext = { vault: Vault; key: CustomerKey }

/**
 * What a module stores about a customer, and the three things the system
 * does with it (DSR-2, RET-2). Every module with a table that refers to a
 * customer provides one in its own folder (`<module>.customer-data.ts`),
 * and the one list (modules/customer-data/customer-data-registry.ts) names
 * it: destruction shreds through it, the access export copies through it,
 * a restore re-destroys through it. A test compares the list with the live
 * schema, so a table that refers to a customer and is in no holder fails it.
 *
 * Holders are plain data and functions: they import nothing from the list,
 * so the list can import them all without a cycle.
 */
export type CustomerDataHolder<Part extends object = object> = {
  /** Who holds it, as the documentation and the test's messages name it. */
  name: string
  /** Every table of the holder that refers to a customer, directly or through another of them. */
  tables: readonly (keyof DB)[]
  /**
   * Its sections of the customer's copy of their information (DSR-2), in
   * plain text for the customer; `{}` when it holds nothing the copy
   * carries, with the reason said beside it. Only this customer's rows.
   */
  exportFor(db: Database, customerId: string, context: CustomerExportContext): Promise<Part>
  /**
   * Makes what it holds about the customer unrecoverable (RET-2), inside
   * the destruction's transaction; `at` is the moment of the destruction.
   * What it keeps (proof of a decision, an anonymised row) is said beside
   * it and holds no personal value. Runs while the customer's key still
   * exists: the customer's own record, key included, is shredded last.
   */
  shred(trx: DatabaseTransaction, customerId: string, at: Date): Promise<void>
  /** How many rows of each of its tables refer to the customer. */
  count(db: Database, customerId: string): Promise<Partial<Record<keyof DB, number>>>
}

/** Rows per table whose `customer_id` is the customer's: the usual `count` of a holder. */
export async function countByCustomerId<Table extends keyof DB>(
  db: Database,
  customerId: string,
  tables: readonly Table[],
): Promise<Record<Table, number>> {
  const counts = {} as Record<Table, number>
  for (const table of tables) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)} where customer_id = ${customerId}`.execute(db)
    counts[table] = Number(rows[0]?.n ?? 0)
  }
  return counts
}
