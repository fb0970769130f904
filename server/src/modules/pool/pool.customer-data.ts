import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The pool's records of a customer (CUS-10): the warnings its owners were
 * given and who picked it from the pool. They hold no personal value, only
 * the link to the customer, and are the staff's work records, not
 * information about the customer: the copy carries none of them (its
 * owners over time are the customers module's). Destruction deletes the
 * warnings and unlinks the picks, which keep counting against the day's
 * limit of whoever picked.
 */
export const poolData: CustomerDataHolder<Record<never, never>> = {
  name: 'pool',
  tables: ['pool_warnings', 'pool_picks'],

  movable: [{ table: 'pool_warnings' }, { table: 'pool_picks' }],

  // Staff work records (see above): nothing of the customer's own for the copy.
  exportFor: async () => ({}),

  async shred(trx, customerId) {
    await trx.deleteFrom('pool_warnings').where('customer_id', '=', customerId).execute()
    await trx
      .updateTable('pool_picks')
      .set({ customer_id: null })
      .where('customer_id', '=', customerId)
      .execute()
  },

  count: (db, customerId) => countByCustomerId(db, customerId, ['pool_warnings', 'pool_picks']),
}
