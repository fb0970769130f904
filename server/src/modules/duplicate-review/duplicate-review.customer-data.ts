import { sql } from 'kysely'
import type { CustomerDataHolder } from '../../platform/customer-data-holder.js'

/**
 * Pairs of likely duplicates (DQ-1): two customer ids, a score and its
 * reasons (fields and agreement levels, never a value), and a reviewer's
 * decision. Not in the customer's copy: it holds nothing about the person
 * beyond what the copy already carries, only our staff's work on the
 * records.
 */
export const duplicateReviewData: CustomerDataHolder<Record<never, never>> = {
  name: 'duplicate-review',
  tables: ['duplicate_pairs'],

  /** None: a pair names both customers; the merged pair is decided, and others of the record merged away leave the queue with it. */
  movable: [],

  exportFor: async () => ({}),

  /** Deleted: a pair with a destroyed customer names someone who is no longer there. */
  async shred(trx, customerId) {
    await trx
      .deleteFrom('duplicate_pairs')
      .where((eb) => eb.or([eb('customer_a', '=', customerId), eb('customer_b', '=', customerId)]))
      .execute()
  },

  async count(db, customerId) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from duplicate_pairs
      where customer_a = ${customerId} or customer_b = ${customerId}`.execute(db)
    return { duplicate_pairs: Number(rows[0]?.n ?? 0) }
  },
}
