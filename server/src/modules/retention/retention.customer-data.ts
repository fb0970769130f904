import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/** The retention review queue (RET-1): a policy's code and dates per flagged customer. */
export const retentionData: CustomerDataHolder = {
  name: 'retention',
  tables: ['retention_reviews'],

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
