import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { type AccessExport, buildAccessExport } from './access-export.js'
import { exportFormatsOf } from './request-view.js'
import { findRequest } from './requests.service.js'

/**
 * GET /requests/{id}/export (DSR-2, DSR-3): what a completed access or
 * portability request hands the customer, gathered now and on the trail
 * (the fields, never their values) before it leaves; the route renders it.
 */
export async function exportRequest(
  call: Call,
  id: string,
  format: 'json' | 'html' | 'csv',
): Promise<{ row: Awaited<ReturnType<typeof findRequest>>; data: AccessExport }> {
  const { deps, context, principal, now } = call
  const row = await findRequest(deps.db, id)
  if (!exportFormatsOf(row).includes(format)) throw new AppError('EXPORT_NOT_READY')
  const data = await buildAccessExport(deps, row.customer_id)
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'request.exported',
    target: { type: 'customer', id: row.customer_id },
    fields: data.customer.fields.map((f) => f.field),
    details: { requestId: row.id, format },
  })
  return { row, data }
}
