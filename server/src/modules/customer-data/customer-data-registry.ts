import { sql } from 'kysely'
import type { Database, DatabaseTransaction } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import {
  type CustomerDataHolder,
  type CustomerExportContext,
  type MergedRows,
  mergeRows,
  unmergeRows,
} from '../../platform/customer-data-holder.js'
import type { CustomerKey, Vault } from '../../security/vault.js'
import { consentsData } from '../consents/consents.customer-data.js'
import { customersData } from '../customers/customers.customer-data.js'
import { dealsData } from '../deals/deals.customer-data.js'
import { destructionData } from '../destruction/destruction.customer-data.js'
import { duplicateReviewData } from '../duplicate-review/duplicate-review.customer-data.js'
import { feedbackData } from '../feedback/feedback.customer-data.js'
import { followUpsData } from '../follow-ups/follow-ups.customer-data.js'
import { interactionsData } from '../interactions/interactions.customer-data.js'
import { poolData } from '../pool/pool.customer-data.js'
import { receptionData } from '../reception/reception.customer-data.js'
import { requestsData } from '../requests/requests.customer-data.js'
import { retentionData } from '../retention/retention.customer-data.js'
import { trackingData } from '../tracking/tracking.customer-data.js'
import { weeklyReviewData } from '../weekly-review/weekly-review.customer-data.js'

/**
 * Everything the system stores about a customer, one holder per module
 * (DSR-2, RET-2). A module that adds a table referring to a customer adds
 * its holder here; customer-data-registry.test.ts fails until it does.
 * The order is the order of the customer's copy; shredding goes the other
 * way, so the customer's own record and key go last.
 */
export const CUSTOMER_DATA_HOLDERS = [
  customersData,
  consentsData,
  requestsData,
  receptionData,
  poolData,
  dealsData,
  interactionsData,
  followUpsData,
  trackingData,
  feedbackData,
  weeklyReviewData,
  duplicateReviewData,
  retentionData,
  destructionData,
] as const satisfies readonly CustomerDataHolder[]

type Holder = (typeof CUSTOMER_DATA_HOLDERS)[number]
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never

/** The sections every holder adds to the customer's copy, merged. */
export type CustomerDataExport = UnionToIntersection<Awaited<ReturnType<Holder['exportFor']>>>

/** Each holder's sections of the customer's copy (DSR-2), in the list's order. */
export async function exportCustomerData(
  db: Database,
  customerId: string,
  context: CustomerExportContext,
): Promise<CustomerDataExport> {
  const parts = await Promise.all(
    CUSTOMER_DATA_HOLDERS.map((holder) => holder.exportFor(db, customerId, context)),
  )
  const merged: Record<string, unknown> = {}
  for (const [index, part] of parts.entries()) {
    for (const [section, value] of Object.entries(part)) {
      // Two holders writing one section would lose one of them silently.
      if (section in merged)
        throw new Error(`${CUSTOMER_DATA_HOLDERS[index]?.name} repeats the section ${section}`)
      merged[section] = value
    }
  }
  return merged as CustomerDataExport
}

/**
 * Destroys the customer (RET-2) in the caller's transaction: every holder
 * shreds what it holds, the customer's own record and key last, so a
 * holder that needs the key while it shreds still has it.
 */
export async function shredCustomerData(
  trx: DatabaseTransaction,
  customerId: string,
  at: Date,
): Promise<void> {
  for (const holder of [...CUSTOMER_DATA_HOLDERS].reverse()) {
    await holder.shred(trx, customerId, at)
  }
}

/**
 * A merge's part beyond the customer's own record (DQ-1), in the merge's
 * transaction: every holder's movable rows of the record merged away go to
 * the survivor, re-sealed under its key — or stay with the tombstone,
 * re-sealed likewise, where the survivor may have only one of a kind.
 */
export async function mergeCustomerData(
  trx: DatabaseTransaction,
  merge: { vault: Vault; mergedKey: CustomerKey; survivorKey: CustomerKey },
): Promise<MergedRows> {
  await saySoToTheLedgers(trx)
  const rows: MergedRows = { moved: {}, kept: {} }
  for (const holder of CUSTOMER_DATA_HOLDERS) {
    for (const spec of holder.movable) {
      const { moved, kept } = await mergeRows(trx, spec, merge)
      if (moved.length > 0) rows.moved[spec.table] = moved
      if (kept.length > 0) rows.kept[spec.table] = kept
    }
  }
  return rows
}

/** Its undo: what the merge moved comes back, and all of it is sealed under the restored key. */
export async function unmergeCustomerData(
  trx: DatabaseTransaction,
  undo: { vault: Vault; survivorKey: CustomerKey; restoredKey: CustomerKey; rows: MergedRows },
): Promise<void> {
  await saySoToTheLedgers(trx)
  for (const holder of CUSTOMER_DATA_HOLDERS) {
    for (const spec of holder.movable) {
      await unmergeRows(trx, spec, {
        ...undo,
        rows: { moved: undo.rows.moved[spec.table] ?? [], kept: undo.rows.kept[spec.table] ?? [] },
      })
    }
  }
}

/**
 * An append-only ledger (consents) lets a row move to the other record of
 * the same person only inside a merge or its undo: the transaction says it
 * is one, until it ends (migration 0031).
 */
async function saySoToTheLedgers(trx: DatabaseTransaction): Promise<void> {
  await sql`select set_config('custodia.merging', 'on', true)`.execute(trx)
}

/** How many rows each holder keeps about the customer, by holder and table. */
export async function countCustomerData(
  db: Database,
  customerId: string,
): Promise<Record<string, Partial<Record<keyof DB, number>>>> {
  const counts: Record<string, Partial<Record<keyof DB, number>>> = {}
  for (const holder of CUSTOMER_DATA_HOLDERS) {
    counts[holder.name] = await holder.count(db, customerId)
  }
  return counts
}

/** Every table some holder answers for. */
export const registeredCustomerTables = (): (keyof DB)[] =>
  CUSTOMER_DATA_HOLDERS.flatMap((holder) => holder.tables)
