import { z } from 'zod'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import { clearanceOf, scopeReach } from '../../security/customer-policy.js'
import { defineApprovalKind } from '../approvals/index.js'
import { markExportReady } from './exports.repository.js'

/** What a plain export's request keeps: ids, field names, a purpose code and a count — never a value. */
export const plainExportPayload = z.strictObject({
  exportId: z.uuid(),
  fields: z.array(z.string()),
  /** The fields whose plain values the file carries. */
  plainFields: z.array(z.string()),
  /** The highest level among them: the approver must be cleared to reveal it. */
  maxLevel: z.number().int().min(0).max(3),
  purpose: z.string(),
  rowCount: z.number().int(),
  format: z.enum(['csv', 'xlsx']),
  /** The requester's department: an approver with a department scope decides its exports only. */
  departmentId: z.uuid().nullable(),
  keepHours: z.number().int().positive(),
})
export type PlainExportPayload = z.infer<typeof plainExportPayload>

export const PLAIN_EXPORT_KIND = 'plain_export'

/**
 * ACC-5: an export carrying plain values of sensitive or level 2–3 fields
 * (or any masked field) can be downloaded only once a second person
 * approves it — one who holds `exports.approve`, may reveal fields of that
 * level and sees the requester's department. The approvals module refuses
 * the requester's own approval.
 */
export const plainExportApproval = defineApprovalKind<PlainExportPayload>({
  kind: PLAIN_EXPORT_KIND,
  decidePermission: 'exports.approve',
  payload: plainExportPayload,
  mayDecide: (decider, payload) => {
    const clearance = clearanceOf(decider)
    const reach = scopeReach(clearance)
    const sees =
      reach === 'all' || (reach === 'some' && decider.departmentId === payload.departmentId)
    return sees && clearance.mayReveal && clearance.revealMaxLevel >= payload.maxLevel
  },
  apply: async ({ trx, call, approval }, payload) => {
    const readyAt = call.now
    const expiresAt = new Date(readyAt.getTime() + payload.keepHours * 3_600_000)
    if (!(await markExportReady(trx, payload.exportId, { readyAt, expiresAt }))) {
      throw new AppError('APPROVAL_STALE')
    }
    await recordAuditEvent(trx, call.now, call.context, {
      actor: call.principal.actor,
      action: 'export.approved',
      target: { type: 'export', id: payload.exportId },
      fields: payload.plainFields,
      purpose: payload.purpose,
      details: {
        approvalId: approval.id,
        requestedBy: approval.requestedBy,
        rowCount: payload.rowCount,
        format: payload.format,
        expiresAt: expiresAt.toISOString(),
      },
    })
  },
  describe: async (_db, payload) => ({
    fields: payload.fields,
    plainFields: payload.plainFields,
    purpose: payload.purpose,
    rowCount: String(payload.rowCount),
    format: payload.format,
  }),
})
