import { type SqlBool, sql } from 'kysely'
import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/** The retention review queue (RET-1): a policy's code and dates per flagged customer. */
export const retentionData: CustomerDataHolder = {
  name: 'retention',
  tables: ['retention_reviews'],

  /** Reviews go to the survivor, but for a policy the survivor is under open review for already. */
  movable: [
    {
      table: 'retention_reviews',
      staysIf: (survivorId) =>
        sql<SqlBool>`r.status = 'open' and exists (select 1 from retention_reviews s
          where s.customer_id = ${survivorId} and s.policy = r.policy and s.status = 'open')`,
    },
  ],

  /**
   * Not in the customer's copy: an internal work queue. The periods it
   * applies are in the published notice, and the dates it counts from are
   * in the copy already (the record's dates, the consents).
   */
  exportFor: async () => ({}),

  /** Kept: which policy flagged the customer and who decided, no personal value — why it was destroyed. */
  async shred() {},

  count: (db, customerId) => countByCustomerId(db, customerId, ['retention_reviews']),
}
