import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * Destruction records and legal holds (RET-1, RET-2): ids, reasons, times
 * and the staff who decided — no personal value of the customer's.
 */
export const destructionData: CustomerDataHolder = {
  name: 'destruction',
  tables: ['destructions', 'legal_holds'],

  /**
   * The history of destructions and holds goes to the survivor (a merge is
   * refused while a destruction is pending or a hold is in force).
   */
  movable: [{ table: 'destructions' }, { table: 'legal_holds' }],

  /**
   * Not in the customer's copy: internal decisions about the record. A
   * hold's reference may name a court case or an investigation the customer
   * is not to learn of from us; the copy has the customer's own data.
   */
  exportFor: async () => ({}),

  /**
   * Kept: each destruction leaves its record — what, when, requested and
   * approved by whom (RET-2) — and the holds that stood before it show why
   * it waited. They are the proof that the customer was destroyed.
   */
  async shred() {},

  count: (db, customerId) => countByCustomerId(db, customerId, ['destructions', 'legal_holds']),
}
