import type { Database } from '../../db/database.js'

/** A customer's requests (DSR-1), oldest first: the request entries of the customer's timeline (CUS-6). */
export async function customerRequests(db: Database, customerId: string) {
  return db
    .selectFrom('data_requests')
    .select(['id', 'type', 'status', 'received_at'])
    .where('customer_id', '=', customerId)
    .orderBy('received_at')
    .execute()
}
