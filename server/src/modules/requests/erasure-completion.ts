import type { Database } from '../../db/database.js'

/**
 * An erasure request waits for the destruction it asked for (DSR-1, RET-2):
 * the approved destruction completes it, in the destruction's transaction.
 */
export async function completeAwaitingErasure(
  db: Database,
  customerId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('data_requests')
    .set({ status: 'completed', closed_at: at })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'awaiting_destruction')
    .execute()
}
