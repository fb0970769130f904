import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The customer's deals (成交, CUS-9): the stage, the product, the amount
 * (sealed under the customer's key) and their history; who closed and how
 * the credit was split name staff, not the customer.
 */
export const dealsData: CustomerDataHolder<{
  deals: {
    stage: string
    stageName: { 'zh-CN': string; en: string }
    amount: string | null
    product: string | null
    createdAt: string
    signedAt: string | null
  }[]
}> = {
  name: 'deals',
  tables: ['deals', 'deal_stage_changes'],

  /** The deals go to the survivor; their stage history follows them by deal. */
  movable: [{ table: 'deals', sealedAs: (key) => `deal.${key}` }],

  /** Every deal of the customer, its amount opened with the customer's key, oldest first. */
  async exportFor(db, customerId, { vault, key }) {
    const rows = await db
      .selectFrom('deals as d')
      .innerJoin('deal_stages as s', 's.code', 'd.stage')
      .select([
        'd.stage',
        's.label_zh',
        's.label_en',
        'd.sealed',
        'd.product',
        'd.created_at',
        'd.signed_at',
      ])
      .where('d.customer_id', '=', customerId)
      .orderBy('d.created_at')
      .execute()
    return {
      deals: rows.map((r) => ({
        stage: r.stage,
        stageName: { 'zh-CN': r.label_zh, en: r.label_en },
        amount: r.sealed.amount ? vault.open(key, 'deal.amount', r.sealed.amount) : null,
        product: r.product,
        createdAt: r.created_at.toISOString(),
        signedAt: r.signed_at?.toISOString() ?? null,
      })),
    }
  },

  /**
   * Kept, unlinked, and the sealed amount dropped (it could no longer be
   * opened anyway): the company's record of who closed what and how the
   * credit was split stays, and names nobody's customer.
   */
  async shred(trx, customerId) {
    await trx
      .updateTable('deals')
      .set({ customer_id: null, sealed: '{}' })
      .where('customer_id', '=', customerId)
      .execute()
  },

  async count(db, customerId) {
    const changes = await db
      .selectFrom('deal_stage_changes as s')
      .innerJoin('deals as d', 'd.id', 's.deal_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('d.customer_id', '=', customerId)
      .executeTakeFirstOrThrow()
    return {
      ...(await countByCustomerId(db, customerId, ['deals'])),
      deal_stage_changes: Number(changes.n),
    }
  },
}
