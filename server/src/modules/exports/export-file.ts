import { PassThrough, Readable } from 'node:stream'
import type { AuditReason } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { csvCell } from '../../platform/csv-cell.js'
import { AppError, type ErrorCode } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { Language } from '../../platform/i18n.js'
import {
  clearanceOf,
  decideRevealRequest,
  fieldVisibility,
} from '../../security/customer-policy.js'
import { pendingApprovalFor } from '../approvals/index.js'
import { loadCatalogue, type StoredEntry } from '../catalogue/index.js'
import { findActivePurpose } from '../purposes/index.js'
import { type ExportSheet, exportRows, fieldLabel } from './export-rows.js'
import { exportState } from './exports.presenter.js'
import { countDownload, type ExportRow, selectExport } from './exports.repository.js'
import { exportFilterSchema } from './exports.schemas.js'
import { countRows, FILTER_CONTEXT } from './exports.service.js'
import { PLAIN_EXPORT_KIND } from './plain-export-approval.js'
import { watermarkLines } from './watermark.js'

export type ExportFile = { body: Readable; filename: string; contentType: string }

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/**
 * GET /exports/{id}/file: the file, made now and streamed — nothing plain
 * is written to disk or the database. Only its requester, only once it is
 * ready (approved, for plain values) and before it expires; every download,
 * and every refusal, on the trail with the rows written before the data
 * leaves (AUD-1).
 */
export async function downloadExport(
  call: Call,
  id: string,
  language: Language,
): Promise<ExportFile> {
  const { deps, principal, now, context } = call
  const row = await selectExport(deps.db, id)
  const refuse = async (reason: AuditReason, code: ErrorCode): Promise<never> => {
    await recordAuditEvent(deps.db, now, context, {
      actor: principal.actor,
      action: 'export.downloaded',
      target: { type: 'export', id },
      outcome: 'denied',
      reason,
    })
    throw new AppError(code)
  }
  if (!row) throw new AppError('EXPORT_NOT_FOUND')
  if (row.requested_by !== principal.accountId) return refuse('not_requester', 'EXPORT_NOT_FOUND')
  const pending =
    row.state === 'pending_approval'
      ? await pendingApprovalFor(deps.db, PLAIN_EXPORT_KIND, { type: 'export', id })
      : undefined
  const state = exportState(row, pending?.id ?? null, now)
  if (state === 'awaiting_approval') return refuse('awaiting_approval', 'EXPORT_AWAITING_APPROVAL')
  if (state === 'rejected') return refuse('not_approved', 'EXPORT_REJECTED')
  if (state === 'expired') return refuse('expired', 'EXPORT_EXPIRED')

  const filter = exportFilterSchema.parse(
    JSON.parse(deps.secrets.open(row.sealed_filter, FILTER_CONTEXT)),
  )
  const catalogue = await loadCatalogue(deps.db)
  const clearance = clearanceOf(principal)
  const plain =
    row.mode === 'plain' && row.purpose
      ? row.fields
          .map((field) => catalogue.get(field))
          .filter(
            (entry): entry is StoredEntry =>
              entry !== undefined &&
              entry.level > 0 &&
              fieldVisibility(clearance, entry) === 'masked',
          )
      : []
  // Decided again as it is now: a reveal grant taken away or a purpose retired since the approval counts.
  if (row.purpose && plain.length > 0) {
    const still = decideRevealRequest(
      clearance,
      plain,
      await findActivePurpose(deps.db, row.purpose),
    )
    if (!still.allowed) return refuse(still.reason, still.code)
  }
  const sheet: ExportSheet = {
    catalogue,
    clearance,
    fields: row.fields,
    plainFields: plain.map((entry) => entry.field),
    purpose: row.purpose,
    language,
  }
  const rowCount = await countRows(call, filter)
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'export.downloaded',
    target: { type: 'export', id },
    fields: row.fields,
    ...(row.purpose && { purpose: row.purpose }),
    details: { rowCount, format: row.format, mode: row.mode, language, filter: row.filter_summary },
  })
  await countDownload(deps.db, id)
  const lines = watermarkLines(
    row,
    { language, at: now, rowCount },
    row.fields.map((f) => fieldLabel(catalogue.get(f), f, language)),
  )
  const rows = exportRows(call, filter, sheet)
  const body =
    row.format === 'csv' ? csvFile(lines, rows) : xlsxFile(row, lines, rows, { language, at: now })
  const stamp = now.toISOString().slice(0, 10)
  return {
    body,
    filename: `custodia-export-${stamp}-${id.slice(0, 8)}.${row.format}`,
    contentType: CONTENT_TYPES[row.format],
  }
}

type Rows = AsyncGenerator<(string | number)[]>

/** CSV, UTF-8 with a BOM (so Excel in Chinese opens it), the watermark as a `#` line before the header. */
function csvFile(lines: { text: string; header: string[] }, rows: Rows): Readable {
  async function* document() {
    yield `\uFEFF# ${csvCell(lines.text)}\r\n`
    yield `${lines.header.map(csvCell).join(',')}\r\n`
    for await (const cells of rows) yield `${cells.map(csvCell).join(',')}\r\n`
  }
  return Readable.from(document())
}

/** Excel, written row by row: the watermark in the workbook's properties and on its first sheet. */
function xlsxFile(
  row: ExportRow,
  lines: { text: string; header: string[]; about: [string, string][] },
  rows: Rows,
  made: { language: Language; at: Date },
): Readable {
  const { language } = made
  const out = new PassThrough()
  const write = async () => {
    // Loaded when a workbook is made, not with every server start.
    const { default: Excel } = await import('exceljs')
    const workbook = new Excel.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    })
    workbook.creator = row.requested_by_name
    workbook.lastModifiedBy = row.requested_by_name
    workbook.title = `Custodia export ${row.id}`
    workbook.subject = language === 'en' ? 'Customer export' : '客户导出'
    workbook.description = lines.text
    workbook.keywords = `custodia-export ${row.id} ${row.requested_by_name}`
    workbook.created = made.at
    const about = workbook.addWorksheet(language === 'en' ? 'About this export' : '导出说明')
    for (const pair of lines.about) about.addRow(pair).commit()
    about.commit()
    const data = workbook.addWorksheet(language === 'en' ? 'Customers' : '客户')
    data.addRow(lines.header).commit()
    for await (const cells of rows) data.addRow(cells).commit()
    data.commit()
    await workbook.commit()
  }
  write().catch((error: unknown) => out.destroy(error as Error))
  return out
}
