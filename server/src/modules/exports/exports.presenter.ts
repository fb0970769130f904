import type { ExportRow } from './exports.repository.js'
import type { ExportView } from './exports.schemas.js'

/** An export's state at `at`: waiting for its approval, rejected (none pending), ready, or past its time. */
export function exportState(
  row: Pick<ExportRow, 'state' | 'expires_at'>,
  pendingApprovalId: string | null,
  at: Date,
): ExportView['state'] {
  if (row.state === 'pending_approval') return pendingApprovalId ? 'awaiting_approval' : 'rejected'
  return row.expires_at && row.expires_at.getTime() <= at.getTime() ? 'expired' : 'ready'
}

/** What the API says of an export: what was asked and its state — never a value of a customer. */
export function presentExport(
  row: ExportRow,
  approval: { pendingApprovalId: string | null; at: Date },
): ExportView {
  return {
    id: row.id,
    format: row.format,
    mode: row.mode,
    fields: row.fields,
    filter: row.filter_summary,
    purpose: row.purpose,
    rowCount: row.row_count,
    state: exportState(row, approval.pendingApprovalId, approval.at),
    approvalId: approval.pendingApprovalId,
    requestedBy: { id: row.requested_by, username: row.requested_by_name },
    requestedAt: row.requested_at.toISOString(),
    readyAt: row.ready_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    downloads: row.downloads,
  }
}
