import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/** The sealed note's field name (follow-ups.service.ts). */
const NOTE_FIELD = 'follow_up.note'

/**
 * The customer's follow-ups (跟踪 / 回访, issue 17): when each was due,
 * why (a code), whether it was done, how it went (a code) and the note
 * sealed under the customer's key — information about the customer, so the
 * copy carries them, the note opened; who did them names staff, not the
 * customer, and is left out. Destruction deletes them (the note could no
 * longer be opened anyway); the notifications they caused name only a
 * masked name.
 */
export const followUpsData: CustomerDataHolder<{
  followUps: {
    dueAt: string
    purpose: string
    status: string
    result: string | null
    note: string | null
    completedAt: string | null
  }[]
}> = {
  name: 'follow-ups',
  tables: ['follow_ups'],

  movable: [{ table: 'follow_ups', sealedAs: () => NOTE_FIELD }],

  /** Every follow-up of the customer, soonest due first, its note opened with the customer's key. */
  async exportFor(db, customerId, { vault, key }) {
    const rows = await db
      .selectFrom('follow_ups')
      .select(['due_at', 'purpose', 'status', 'result', 'sealed', 'completed_at'])
      .where('customer_id', '=', customerId)
      .orderBy('due_at')
      .orderBy('id')
      .execute()
    return {
      followUps: rows.map((r) => ({
        dueAt: r.due_at.toISOString(),
        purpose: r.purpose,
        status: r.status,
        result: r.result,
        note: r.sealed.note ? vault.open(key, NOTE_FIELD, r.sealed.note) : null,
        completedAt: r.completed_at?.toISOString() ?? null,
      })),
    }
  },

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
