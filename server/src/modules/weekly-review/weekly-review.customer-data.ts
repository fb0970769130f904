import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/** The sealed note's field name (show-week.ts). */
const NOTE_FIELD = 'weekly_review.note'

/**
 * What the weekly review holds about a customer (issue 17, CUS-8, DQ-2):
 * its re-confirmations — when the customer confirmed which fields of their
 * record, and how — information about the customer, so the copy carries
 * them (field names and methods, never values, never who recorded them);
 * and the plan items a review made into follow-ups, whose follow-ups the
 * follow-ups section already carries: the copy adds each item's note
 * (about the customer, sealed under their key), opened. Destruction deletes both: the
 * item's note is sealed under the key that goes, and a confirmation proves
 * nothing once the record is gone. Shredded before the follow-ups holder
 * (it comes after it in the list), as each item refers to its follow-up.
 */
export const weeklyReviewData: CustomerDataHolder<{
  confirmations: { fields: string[]; method: string; confirmedAt: string }[]
  reviewPlanNotes: { addedAt: string; note: string }[]
}> = {
  name: 'weekly-review',
  tables: ['customer_confirmations', 'weekly_review_items'],

  movable: [
    { table: 'customer_confirmations' },
    { table: 'weekly_review_items', sealedAs: () => 'weekly_review.note' },
  ],

  async exportFor(db, customerId, { vault, key }) {
    const items = await db
      .selectFrom('weekly_review_items')
      .select(['added_at', 'sealed'])
      .where('customer_id', '=', customerId)
      .orderBy('added_at')
      .orderBy('id')
      .execute()
    const rows = await db
      .selectFrom('customer_confirmations')
      .select(['fields', 'method', 'confirmed_at'])
      .where('customer_id', '=', customerId)
      .orderBy('confirmed_at')
      .orderBy('id')
      .execute()
    return {
      confirmations: rows.map((r) => ({
        fields: r.fields,
        method: r.method,
        confirmedAt: r.confirmed_at.toISOString(),
      })),
      reviewPlanNotes: items.flatMap((i) =>
        i.sealed.note
          ? [
              {
                addedAt: i.added_at.toISOString(),
                note: vault.open(key, NOTE_FIELD, i.sealed.note),
              },
            ]
          : [],
      ),
    }
  },

  async shred(trx, customerId) {
    await trx.deleteFrom('weekly_review_items').where('customer_id', '=', customerId).execute()
    await trx.deleteFrom('customer_confirmations').where('customer_id', '=', customerId).execute()
  },

  count: (db, customerId) =>
    countByCustomerId(db, customerId, ['customer_confirmations', 'weekly_review_items']),
}
