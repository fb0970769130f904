import type { DataRequestStatus, DataRequestType } from '../../db/schema.js'
import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The customer's requests (DSR-1): `data_requests`, with their details,
 * identity note and refusal reason sealed under the customer's key, and
 * each request's history in `data_request_events` (actions and times only).
 */
export const requestsData: CustomerDataHolder<{
  requests: {
    type: DataRequestType
    status: DataRequestStatus
    receivedAt: string
    dueAt: string
    closedAt: string | null
  }[]
}> = {
  name: 'requests',
  tables: ['data_requests', 'data_request_events'],

  /** The person's requests go with them; their events follow by request. */
  movable: [{ table: 'data_requests', sealedAs: (key) => `request.${key}` }],

  /** Every request: what was asked, its state, when it was received, due and closed. */
  async exportFor(db, customerId) {
    const rows = await db
      .selectFrom('data_requests')
      .select(['type', 'status', 'received_at', 'due_at', 'closed_at'])
      .where('customer_id', '=', customerId)
      .orderBy('received_at')
      .execute()
    return {
      requests: rows.map((r) => ({
        type: r.type,
        status: r.status,
        receivedAt: r.received_at.toISOString(),
        dueAt: r.due_at.toISOString(),
        closedAt: r.closed_at?.toISOString() ?? null,
      })),
    }
  },

  /**
   * The rows stay, as proof that each request was answered and when (the
   * deletion request itself completes with the destruction). What is
   * personal in them is sealed under the customer's key and goes with it;
   * the history holds actions and times only.
   */
  async shred() {},

  async count(db, customerId) {
    const events = await db
      .selectFrom('data_request_events as e')
      .innerJoin('data_requests as r', 'r.id', 'e.request_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('r.customer_id', '=', customerId)
      .executeTakeFirstOrThrow()
    return {
      ...(await countByCustomerId(db, customerId, ['data_requests'])),
      data_request_events: Number(events.n),
    }
  },
}
