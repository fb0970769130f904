import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The customer's interactions (跟进记录, CUS-6): when, with whom, on which
 * channel, how it ended, and the note and next step (sealed under the
 * customer's key). The member of staff is named: the customer is told who
 * dealt with them.
 */
export const interactionsData: CustomerDataHolder<{
  interactionLog: {
    at: string
    staff: string
    channel: string
    direction: string
    durationMinutes: number | null
    outcome: { 'zh-CN': string; en: string } | null
    note: string | null
    nextStep: string | null
  }[]
}> = {
  name: 'interactions',
  tables: ['interactions'],

  movable: [
    {
      table: 'interactions',
      sealedAs: (key) => (key === 'nextStep' ? 'interaction.next_step' : `interaction.${key}`),
    },
  ],

  /** Every interaction with the customer, its note and next step opened, oldest first. */
  async exportFor(db, customerId, { vault, key }) {
    const rows = await db
      .selectFrom('interactions as i')
      .innerJoin('accounts as a', 'a.id', 'i.staff_id')
      .leftJoin('interaction_outcomes as o', 'o.code', 'i.outcome')
      .select([
        'i.occurred_at',
        'a.display_name',
        'i.channel',
        'i.direction',
        'i.duration_minutes',
        'o.label_zh',
        'o.label_en',
        'i.sealed',
      ])
      .where('i.customer_id', '=', customerId)
      .orderBy('i.occurred_at')
      .orderBy('i.id')
      .execute()
    return {
      interactionLog: rows.map((r) => ({
        at: r.occurred_at.toISOString(),
        staff: r.display_name,
        channel: r.channel,
        direction: r.direction,
        durationMinutes: r.duration_minutes,
        outcome: r.label_zh && r.label_en ? { 'zh-CN': r.label_zh, en: r.label_en } : null,
        note: r.sealed.note ? vault.open(key, 'interaction.note', r.sealed.note) : null,
        nextStep: r.sealed.nextStep
          ? vault.open(key, 'interaction.next_step', r.sealed.nextStep)
          : null,
      })),
    }
  },

  /**
   * Kept, unlinked, the sealed note and next step dropped (they could no
   * longer be opened anyway): reports still count the work done — when, by
   * whom, on which channel, how it ended — and it names nobody's customer.
   */
  async shred(trx, customerId) {
    await trx
      .updateTable('interactions')
      .set({ customer_id: null, sealed: '{}', origin: null, origin_ref: null })
      .where('customer_id', '=', customerId)
      .execute()
  },

  count: (db, customerId) => countByCustomerId(db, customerId, ['interactions']),
}
