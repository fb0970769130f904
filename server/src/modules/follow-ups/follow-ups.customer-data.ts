import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The customer's follow-ups (跟踪 / 回访, issue 17): when, why (a code),
 * how it went (a code) and the note sealed under the customer's key. They
 * are the staff's work plan, not information the customer gave: the copy
 * carries none of them. Destruction deletes them (the note could no longer
 * be opened anyway); the notifications they caused name only a masked name.
 */
export const followUpsData: CustomerDataHolder<Record<never, never>> = {
  name: 'follow-ups',
  tables: ['follow_ups'],

  // Staff work records (see above): nothing of the customer's own for the copy.
  exportFor: async () => ({}),

  async shred(trx, customerId) {
    // A recurring plan links each follow-up to the one before it: unlink first.
    await trx
      .updateTable('follow_ups')
      .set({ previous_id: null })
      .where('customer_id', '=', customerId)
      .execute()
    await trx.deleteFrom('follow_ups').where('customer_id', '=', customerId).execute()
  },

  count: (db, customerId) => countByCustomerId(db, customerId, ['follow_ups']),
}
