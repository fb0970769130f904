import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import {
  clearanceOf,
  decideRevealRequest,
  fieldVisibility,
} from '../../security/customer-policy.js'
import {
  type ApprovalKinds,
  approvalQueue,
  pendingApprovalFor,
  requestApproval,
} from '../approvals/index.js'
import { type Catalogue, loadCatalogue, type StoredEntry } from '../catalogue/index.js'
import { type CustomerListFilter, customerListPages } from '../customers/index.js'
import { findActivePurpose } from '../purposes/index.js'
import { presentExport } from './exports.presenter.js'
import { type ExportRow, insertExport, selectExport } from './exports.repository.js'
import type { CreateExport, ExportView } from './exports.schemas.js'
import { PLAIN_EXPORT_KIND, plainExportApproval } from './plain-export-approval.js'

/** The context the filter is sealed under with the system secrets. */
export const FILTER_CONTEXT = 'export-filter'

/** Which searches a filter makes, by name (the terms are personal values, never recorded). */
const SEARCHES = {
  q: 'name',
  mobile: 'mobile',
  idNumber: 'idNumber',
  email: 'email',
  bankCard: 'bankCard',
  bankAccount: 'bankAccount',
  creditCode: 'creditCode',
} as const
const ATTRIBUTES = ['grade', 'source', 'departmentId', 'status', 'marketing'] as const

/** What the trail and the answer say of a filter: its plain attributes and the names of its searches. */
export function filterSummary(filter: CustomerListFilter): Record<string, string | string[]> {
  const summary: Record<string, string | string[]> = {}
  for (const key of ATTRIBUTES) {
    const value = filter[key]
    if (value) summary[key] = value
  }
  const searchedBy = Object.entries(SEARCHES)
    .filter(([param]) => filter[param as keyof typeof SEARCHES]?.trim())
    .map(([, name]) => name)
  if (searchedBy.length > 0) summary.searchedBy = searchedBy
  return summary
}

/**
 * The fields asked for, each a catalogue key (unknown → VALIDATION_FAILED
 * with a message per field), and those whose plain values a plain export
 * would carry: every personal field the list shows masked (CLS-4).
 */
export function exportedFields(
  catalogue: Catalogue,
  call: Call,
  input: Pick<CreateExport, 'fields' | 'mode'>,
): { entries: StoredEntry[]; plain: StoredEntry[] } {
  const clearance = clearanceOf(call.principal)
  const fields = [...new Set(input.fields)]
  const unknown = fields.filter((f) => !catalogue.get(f))
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(unknown.map((f) => [f, 'unknownField'])),
    )
  }
  const entries = fields.map((f) => catalogue.get(f) as StoredEntry)
  const absent = entries.filter((e) => fieldVisibility(clearance, e) === 'absent')
  if (absent.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(absent.map((e) => [e.field, 'notExported'])),
    )
  }
  const plain =
    input.mode === 'plain'
      ? entries.filter((e) => e.level > 0 && fieldVisibility(clearance, e) === 'masked')
      : []
  return { entries, plain }
}

/** The customers the filter selects in the caller's list, counted without opening any value. */
export async function countRows(call: Call, filter: CustomerListFilter): Promise<number> {
  let count = 0
  for await (const page of customerListPages(call, filter, {
    pageSize: 1000,
    withSensitive: false,
  })) {
    count += page.length
  }
  return count
}

/**
 * POST /exports (issue 18 §2, DQ-3, CLS-4, ACC-5): an export of the
 * caller's customer list for a filter. Masked (the default), or plain
 * without a masked field: ready at once. Plain values of masked fields:
 * an active purpose that reaches them, decided by the reveal policy, and a
 * second person's approval before the file can be downloaded. Audited with
 * the filter (never a search term), fields, purpose and row count.
 */
export async function requestExport(call: Call, input: CreateExport): Promise<ExportView> {
  const { deps, principal, now, context } = call
  const catalogue = await loadCatalogue(deps.db)
  const { entries, plain } = exportedFields(catalogue, call, input)
  const fields = entries.map((e) => e.field)
  const plainFields = plain.map((e) => e.field)
  const summary = filterSummary(input.filter)
  const audited = {
    actor: principal.actor,
    action: 'export.requested' as const,
    fields,
    ...(input.purpose && { purpose: input.purpose }),
  }
  if (plain.length > 0) {
    if (!input.purpose)
      throw new AppError('VALIDATION_FAILED', { purpose: 'purposeForPlainExport' })
    const asked = decideRevealRequest(
      clearanceOf(principal),
      plain,
      await findActivePurpose(deps.db, input.purpose),
    )
    if (!asked.allowed) {
      await recordAuditEvent(deps.db, now, context, {
        ...audited,
        outcome: 'denied',
        reason: asked.reason,
        details: { format: input.format, mode: input.mode, filter: summary, plainFields },
      })
      throw new AppError(asked.code, asked.fields)
    }
  }
  const rowCount = await countRows(call, input.filter)
  const keepHours = deps.config.exports.keepHours
  const id = await deps.db.transaction().execute(async (trx) => {
    const waits = plain.length > 0
    const id = await insertExport(trx, {
      requested_by: principal.accountId,
      requested_at: now,
      format: input.format,
      mode: input.mode,
      fields: JSON.stringify(fields),
      filter_summary: JSON.stringify(summary),
      sealed_filter: deps.secrets.seal(JSON.stringify(input.filter), FILTER_CONTEXT),
      purpose: plain.length > 0 ? (input.purpose ?? null) : null,
      row_count: rowCount,
      state: waits ? 'pending_approval' : 'ready',
      ready_at: waits ? null : now,
      expires_at: waits ? null : new Date(now.getTime() + keepHours * 3_600_000),
    })
    const approvalId = waits
      ? await requestApproval(trx, call, {
          kind: plainExportApproval,
          subject: { type: 'export', id },
          payload: {
            exportId: id,
            fields,
            plainFields,
            maxLevel: Math.max(...plain.map((e) => e.level)),
            purpose: input.purpose,
            rowCount,
            format: input.format,
            departmentId: principal.departmentId,
            keepHours,
          },
        })
      : null
    await recordAuditEvent(trx, now, context, {
      ...audited,
      target: { type: 'export', id },
      details: {
        format: input.format,
        mode: input.mode,
        filter: summary,
        plainFields,
        rowCount,
        ...(approvalId && { approvalId }),
      },
    })
    return id
  })
  return showExport(call, id)
}

/** The export as its requester sees it: its state (waiting, ready, expired, rejected); never a value. */
export async function showExport(call: Call, id: string): Promise<ExportView> {
  const row = await selectExport(call.deps.db, id)
  if (!row || row.requested_by !== call.principal.accountId) throw new AppError('EXPORT_NOT_FOUND')
  return presentWithApproval(call, row)
}

async function presentWithApproval(call: Call, row: ExportRow): Promise<ExportView> {
  const pending =
    row.state === 'pending_approval'
      ? await pendingApprovalFor(call.deps.db, PLAIN_EXPORT_KIND, { type: 'export', id: row.id })
      : undefined
  return presentExport(row, { pendingApprovalId: pending?.id ?? null, at: call.now })
}

/**
 * POST /exports/{id}/approve: the second person approves a plain export
 * through the approvals queue (its rules: `exports.approve`, never the
 * requester, an approver who may reveal those fields in that department).
 */
export async function approveExport(
  call: Call,
  kinds: ApprovalKinds,
  request: { id: string; note: string | undefined },
): Promise<ExportView> {
  const row = await selectExport(call.deps.db, request.id)
  if (!row) throw new AppError('EXPORT_NOT_FOUND')
  const pending = await pendingApprovalFor(call.deps.db, PLAIN_EXPORT_KIND, {
    type: 'export',
    id: row.id,
  })
  if (!pending) throw new AppError('EXPORT_NOT_PENDING')
  await approvalQueue(kinds).decide(call, pending.id, { decision: 'approve', note: request.note })
  const approved = await selectExport(call.deps.db, row.id)
  return presentWithApproval(call, approved ?? row)
}
