import type { RequestContext } from '../../audit/audit-log.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import { recordConsent } from '../consents/index.js'
import { markRestricted, updateCustomer, updateCustomerSchema } from '../customers/index.js'
import { getRequest, lockOpenRequest, logStep } from './requests.service.js'

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
  deps: AppDeps,
  context: RequestContext,
  principal: Principal,
  id: string,
  input: { changes?: Record<string, unknown> | undefined },
) {
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
    await updateCustomer(deps, context, principal, request.customer_id, changes.data)
  }
  if (request.type === 'withdraw') {
    for (const purpose of request.purposes) {
      await recordConsent(deps, context, principal, request.customer_id, {
        purpose,
        granted: false,
        channel: 'other',
      })
    }
  }

  const now = deps.clock.now()
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
    await logStep(
      trx,
      deps,
      context,
      principal,
      row,
      handedOver ? 'handed_to_destruction' : 'fulfilled',
    )
  })
  return getRequest(deps, context, principal, id)
}
