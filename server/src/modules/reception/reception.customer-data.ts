import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The visitor and call registers (issue 16, 接待管理): a customer's visits
 * and calls, who received them and how they ended. They hold no personal
 * value, only the link to the customer.
 */
export const receptionData: CustomerDataHolder<{
  interactions: {
    kind: 'visit' | 'call'
    at: string
    staff: string
    channel: string
    outcome: string | null
  }[]
}> = {
  name: 'reception',
  tables: ['reception_visits', 'reception_calls'],

  movable: [{ table: 'reception_visits' }, { table: 'reception_calls' }],

  /** Every visit and call linked to the customer, in time order. */
  async exportFor(db, customerId) {
    const visits = await db
      .selectFrom('reception_visits as v')
      .innerJoin('accounts as a', 'a.id', 'v.received_by')
      .select(['v.arrived_at as at', 'a.display_name as staff', 'v.outcome'])
      .where('v.customer_id', '=', customerId)
      .execute()
    const calls = await db
      .selectFrom('reception_calls as c')
      .innerJoin('accounts as a', 'a.id', 'c.taken_by')
      .select(['c.received_at as at', 'a.display_name as staff', 'c.channel', 'c.outcome'])
      .where('c.customer_id', '=', customerId)
      .execute()
    return {
      interactions: [
        ...visits.map((v) => ({ kind: 'visit' as const, channel: 'visit', ...v })),
        ...calls.map((c) => ({ kind: 'call' as const, ...c })),
      ]
        .sort((x, y) => x.at.getTime() - y.at.getTime())
        .map((i) => ({ ...i, at: i.at.toISOString() })),
    }
  },

  /** Kept, unlinked: the registers count visits and calls; without the link, nothing is the customer's. */
  async shred(trx, customerId) {
    await trx
      .updateTable('reception_visits')
      .set({ customer_id: null })
      .where('customer_id', '=', customerId)
      .execute()
    await trx
      .updateTable('reception_calls')
      .set({ customer_id: null })
      .where('customer_id', '=', customerId)
      .execute()
  },

  count: (db, customerId) =>
    countByCustomerId(db, customerId, ['reception_visits', 'reception_calls']),
}
