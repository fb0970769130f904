import { type RawBuilder, type SqlBool, sql } from 'kysely'
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
  /**
   * Its tables whose rows go to the surviving record when two records of
   * one person are merged (DQ-1), and come back when the merge is undone;
   * `[]` when none does, with the reason said beside it. A table listed
   * has a `customer_id` column and an `id`.
   */
  movable: readonly MovableTable[]
}

/** A table whose rows follow their customer into a merge (DQ-1). */
export type MovableTable = {
  table: keyof DB
  /** The field each key of the row's `sealed` map is sealed under; absent: the table seals nothing. */
  sealedAs?: (key: string) => string
  /**
   * Rows that may not join the survivor (one of a kind it already has), as
   * a condition on the row `r` given the survivor's id: they stay with the
   * record merged away, re-sealed under the survivor's key so that an undo
   * can restore them, and go when the merge becomes final.
   */
  staysIf?: (survivorId: string) => RawBuilder<SqlBool>
}

/** Ids (as text) of the rows a merge moved to the survivor, or kept with the tombstone, by table. */
export type MergedRows = { moved: Record<string, string[]>; kept: Record<string, string[]> }

/**
 * One table's part of a merge: every row of the record merged away is
 * re-sealed under the survivor's key, and moves to the survivor unless it
 * stays (`staysIf`). Returns the ids of both.
 */
export async function mergeRows(
  trx: DatabaseTransaction,
  spec: MovableTable,
  move: { vault: Vault; mergedKey: CustomerKey; survivorKey: CustomerKey },
): Promise<{ moved: string[]; kept: string[] }> {
  const merged = move.mergedKey.customerId
  const survivor = move.survivorKey.customerId
  const stays = spec.staysIf ? spec.staysIf(survivor) : sql<SqlBool>`false`
  const { rows } = await sql<{ id: string; stays: boolean; sealed: Record<string, string> | null }>`
    select r.id::text as id, ${stays} as stays, ${spec.sealedAs ? sql`r.sealed` : sql`null`} as sealed
    from ${sql.table(spec.table)} r where r.customer_id = ${merged}`.execute(trx)
  for (const row of rows) {
    await rewriteRow(trx, spec, row, {
      ...move,
      from: move.mergedKey,
      to: move.survivorKey,
      customerId: row.stays ? merged : survivor,
    })
  }
  return {
    moved: rows.filter((r) => !r.stays).map((r) => r.id),
    kept: rows.filter((r) => r.stays).map((r) => r.id),
  }
}

/**
 * Its undo: the rows the merge moved go back to the restored record, and
 * every one of them, and those kept with it, is re-sealed under its new key.
 * A row deleted since is not brought back.
 */
export async function unmergeRows(
  trx: DatabaseTransaction,
  spec: MovableTable,
  undo: {
    vault: Vault
    survivorKey: CustomerKey
    restoredKey: CustomerKey
    rows: { moved: readonly string[]; kept: readonly string[] }
  },
): Promise<void> {
  const restored = undo.restoredKey.customerId
  const ids = [...undo.rows.moved, ...undo.rows.kept]
  if (ids.length === 0) return
  const { rows } = await sql<{ id: string; sealed: Record<string, string> | null }>`
    select r.id::text as id, ${spec.sealedAs ? sql`r.sealed` : sql`null`} as sealed
    from ${sql.table(spec.table)} r
    where r.id::text = any(${ids}::text[])
      and r.customer_id in (${undo.survivorKey.customerId}, ${restored})`.execute(trx)
  for (const row of rows) {
    await rewriteRow(trx, spec, row, {
      vault: undo.vault,
      from: undo.survivorKey,
      to: undo.restoredKey,
      customerId: restored,
    })
  }
}

async function rewriteRow(
  trx: DatabaseTransaction,
  spec: MovableTable,
  row: { id: string; sealed: Record<string, string> | null },
  to: { vault: Vault; from: CustomerKey; to: CustomerKey; customerId: string },
): Promise<void> {
  const sealedAs = spec.sealedAs
  const resealed =
    sealedAs && row.sealed
      ? Object.fromEntries(
          Object.entries(row.sealed).map(([key, value]) => [
            key,
            to.vault.seal(to.to, sealedAs(key), to.vault.open(to.from, sealedAs(key), value)),
          ]),
        )
      : null
  await sql`
    update ${sql.table(spec.table)} set customer_id = ${to.customerId}
      ${resealed ? sql`, sealed = ${JSON.stringify(resealed)}::jsonb` : sql``}
    where id::text = ${row.id}`.execute(trx)
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
