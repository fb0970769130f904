import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { displayNamesOf } from '../accounts/index.js'
import { dayIn, endOfDayIn } from '../calendar/index.js'
import { presentDailyReport } from './tracking.presenter.js'
import {
  amendReport,
  countDay,
  type DailyReportRow,
  findReport,
  insertReport,
  listReports,
  lockReport,
  lockReportOf,
  markReviewed,
  reportOf,
} from './tracking.repository.js'
import type {
  DailyReportsQuery,
  ReviewDailyReportInput,
  SubmitDailyReportInput,
} from './tracking.schemas.js'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * What the secret box binds a report's text and a review's comment to: the
 * author and the day, so a sealed text copied to another report does not
 * open. They are sealed with the installation's system key, not a
 * customer's: a report may name several customers, or none (docs/tracking.md).
 */
const textContext = (row: { account_id: string; day: string }) =>
  `daily_report:${row.account_id}:${row.day}:text`
const commentContext = (row: { account_id: string; day: string }) =>
  `daily_report:${row.account_id}:${row.day}:comment`

/** The company's calendar day of `now` and the moments it starts and ends. */
function today(call: Call) {
  const timeZone = call.deps.config.timeZone
  const day = dayIn(timeZone, call.now)
  const before = new Date(new Date(`${day}T00:00:00Z`).getTime() - DAY_MS)
    .toISOString()
    .slice(0, 10)
  return {
    day,
    from: new Date(endOfDayIn(timeZone, before).getTime() + 1),
    to: new Date(endOfDayIn(timeZone, day).getTime() + 1),
  }
}

/** Rows to API shapes, each text and comment opened once. */
async function present(call: Call, rows: DailyReportRow[]) {
  const { secrets } = call.deps
  const staff = new Set<string>()
  for (const r of rows) {
    staff.add(r.account_id)
    if (r.reviewed_by) staff.add(r.reviewed_by)
  }
  const names = await displayNamesOf(call.deps.db, [...staff])
  return rows.map((row) =>
    presentDailyReport(row, {
      text: row.sealed_text ? secrets.open(row.sealed_text, textContext(row)) : null,
      comment: row.sealed_comment ? secrets.open(row.sealed_comment, commentContext(row)) : null,
      names,
    }),
  )
}

/** GET /daily-reports/today: the caller's counts of the day so far, and its report once submitted. */
export async function dailyReportToday(call: Call) {
  const { deps, principal, now } = call
  const { day, from, to } = today(call)
  const [counts, report] = await Promise.all([
    countDay(deps.db, principal.accountId, { from, to }),
    reportOf(deps.db, principal.accountId, day),
  ])
  const [shown] = report ? await present(call, [report]) : [null]
  if (report) {
    await recordAuditEvent(deps.db, now, call.context, {
      actor: principal.actor,
      action: 'daily_report.listed',
      target: { type: 'daily_report', id: report.id },
      details: { count: 1, reports: [report.id] },
    })
  }
  return { day, counts, report: shown ?? null }
}

/**
 * POST /daily-reports: the caller's report of today (the company's day):
 * the counts taken from the records now, the problems and suggestions
 * sealed. Submitted again the same day before review, it is amended (the
 * counts taken again, the text replaced when given); reviewed, it is locked.
 */
export async function submitDailyReport(call: Call, input: SubmitDailyReportInput) {
  const { deps, principal, now } = call
  const { day, from, to } = today(call)
  const counts = await countDay(deps.db, principal.accountId, { from, to })
  const ref = { account_id: principal.accountId, day }
  const sealedText =
    input.text === undefined ? undefined : deps.secrets.seal(input.text, textContext(ref))
  const row = await deps.db.transaction().execute(async (trx) => {
    const existing = await lockReportOf(trx, principal.accountId, day)
    if (existing?.reviewed_at) throw new AppError('DAILY_REPORT_REVIEWED')
    const saved = existing
      ? await amendReport(trx, existing.id, {
          counts,
          sealedText: sealedText ?? existing.sealed_text,
          at: now,
        })
      : await insertReport(trx, {
          accountId: principal.accountId,
          departmentId: principal.departmentId,
          day,
          counts,
          sealedText: sealedText ?? null,
          at: now,
        })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'daily_report.submitted',
      target: { type: 'daily_report', id: saved.id },
      details: { day, counts, amended: existing !== undefined, text: saved.sealed_text !== null },
    })
    return saved
  })
  const [shown] = await present(call, [row])
  return shown
}

/**
 * GET /daily-reports: the caller's own reports, or (`of=department`, for a
 * supervisor) those of the caller's department; the text opened for its
 * author or manager, the read audited with the reports read.
 */
export async function listDailyReports(call: Call, query: DailyReportsQuery) {
  const { deps, principal, now } = call
  const department = query.of === 'department'
  if (department && (!principal.permissions.has('tracking.supervise') || !principal.departmentId)) {
    throw new AppError('FORBIDDEN')
  }
  const { rows, total } = await listReports(deps.db, {
    ...(department
      ? { departmentId: principal.departmentId as string }
      : { accountId: principal.accountId }),
    ...(query.day && { day: query.day }),
    ...(query.status && { status: query.status }),
    limit: query.limit,
    offset: query.offset,
  })
  const items = await present(call, rows)
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'daily_report.listed',
    details: { of: query.of, count: rows.length, reports: rows.map((r) => r.id) },
  })
  return { items, total }
}

/**
 * POST /daily-reports/{id}/review: a manager of the author's department
 * reviews the report, with a comment sealed like its text; from then on it
 * is locked (evidence for first-visit disputes, 篇五 (五)). One's own report
 * is reviewed by another manager; a report of another department answers
 * as not found, on the trail.
 */
export async function reviewDailyReport(call: Call, id: string, input: ReviewDailyReportInput) {
  const { deps, principal, now } = call
  const found = await findReport(deps.db, id)
  if (!found) throw new AppError('DAILY_REPORT_NOT_FOUND')
  if (!principal.departmentId || found.department_id !== principal.departmentId) {
    await recordAuditEvent(deps.db, now, call.context, {
      actor: principal.actor,
      action: 'daily_report.reviewed',
      target: { type: 'daily_report', id },
      outcome: 'denied',
      reason: 'out_of_scope',
    })
    throw new AppError('DAILY_REPORT_NOT_FOUND')
  }
  if (found.account_id === principal.accountId) throw new AppError('DAILY_REPORT_OWN')
  const sealedComment =
    input.comment === undefined ? null : deps.secrets.seal(input.comment, commentContext(found))
  const row = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockReport(trx, id)
    if (!locked) throw new AppError('DAILY_REPORT_NOT_FOUND')
    if (locked.reviewed_at) throw new AppError('DAILY_REPORT_REVIEWED')
    const reviewed = await markReviewed(trx, id, {
      by: principal.accountId,
      sealedComment,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'daily_report.reviewed',
      target: { type: 'daily_report', id },
      details: { author: found.account_id, day: found.day, comment: sealedComment !== null },
    })
    return reviewed
  })
  const [shown] = await present(call, [row])
  return shown
}
