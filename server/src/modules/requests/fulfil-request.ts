import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { recordConsent } from '../consents/index.js'
import { markRestricted, updateCustomer, updateCustomerSchema } from '../customers/index.js'
import { lockOpenRequest, logStep, requestAfterStep } from './requests.service.js'

/**
 * POST /requests/{id}/fulfil (DSR-2), once the requester's identity is
 * verified:
 * - access, portability: the request completes; its export is made on
 *   download, from the data as it is then (GET /requests/{id}/export);
 * - correct: the changes go through the ordinary audited update;
 * - restrict: the customer is kept and protected and used for nothing else
 *   (PIPL Art. 47);
 * - delete: restricted at once, and handed to destruction (RET-2), which
 *   completes the request;
 * - withdraw: a withdrawal is recorded for each purpose named, at once.
 */
export async function fulfilRequest(
  call: Call,
  id: string,
  input: { changes?: Record<string, unknown> | undefined },
) {
  const { deps, context, principal, now } = call
  const request = await deps.db.transaction().execute(async (trx) => {
    const row = await lockOpenRequest(trx, id)
    if (!row.identity_verified_at) throw new AppError('IDENTITY_NOT_VERIFIED')
    return row
  })

  if (request.type === 'correct') {
    const changes = updateCustomerSchema.safeParse(input.changes ?? {})
    if (!input.changes || Object.keys(input.changes).length === 0 || !changes.success) {
      throw new AppError('VALIDATION_FAILED', { changes: 'changesRequired' })
    }
    await updateCustomer(call, request.customer_id, changes.data)
  }
  if (request.type === 'withdraw') {
    for (const purpose of request.purposes) {
      await recordConsent(call, request.customer_id, {
        purpose,
        granted: false,
        channel: 'other',
      })
    }
  }

  await deps.db.transaction().execute(async (trx) => {
    const row = await lockOpenRequest(trx, id)
    if (row.type === 'restrict' || row.type === 'delete') {
      await markRestricted(trx, row.customer_id, now)
      await recordAuditEvent(trx, now, context, {
        actor: principal.actor,
        action: 'customer.restricted',
        target: { type: 'customer', id: row.customer_id },
        details: { requestId: id },
      })
    }
    const handedOver = row.type === 'delete'
    await trx
      .updateTable('data_requests')
      .set({
        status: handedOver ? 'awaiting_destruction' : 'completed',
        closed_at: handedOver ? null : now,
      })
      .where('id', '=', id)
      .execute()
    await logStep(trx, call, {
      request: row,
      action: handedOver ? 'handed_to_destruction' : 'fulfilled',
    })
  })
  return requestAfterStep(call, id)
}
