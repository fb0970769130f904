import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Call } from '../../platform/http/call.js'
import type { Language } from '../../platform/i18n.js'
import { dayIn, endOfDayIn } from '../calendar/index.js'
import { presentVisitsCalls } from './statistics.presenter.js'
import {
  countDealsByStage,
  countNoDealReasons,
  countWork,
  departmentNames,
  type StatisticsWindow,
  staffOf,
} from './statistics.repository.js'
import type { VisitsCalls, VisitsCallsQuery } from './statistics.schemas.js'
import { addDays, periodStarts } from './statistics-periods.js'
import { statisticsReach } from './statistics-reach.js'
import { visitsCallsWorkbook } from './visits-calls-workbook.js'

/** The range asked about as instants of the company's time zone. */
function windowOf(call: Call, query: VisitsCallsQuery): StatisticsWindow {
  const timeZone = call.deps.config.timeZone
  return {
    period: query.period,
    fromDay: query.from,
    toDay: query.to,
    start: new Date(endOfDayIn(timeZone, addDays(query.from, -1)).getTime() + 1),
    end: new Date(endOfDayIn(timeZone, query.to).getTime() + 1),
    today: dayIn(timeZone, call.now),
    timeZone,
  }
}

/**
 * The visit-and-call statistics of a range (来人来电统计表; per week or
 * month with the deal analysis, 周/月来人来电统计成交状况分析表): the work of
 * each salesperson the caller's reach covers, per period, computed in SQL
 * from the records — never from a personal value.
 */
export async function visitsCalls(call: Call, query: VisitsCallsQuery): Promise<VisitsCalls> {
  const { db } = call.deps
  const reach = statisticsReach(call.principal, query.departmentId)
  const window = windowOf(call, query)
  const [counted, stages, reasons, names] = await Promise.all([
    countWork(db, window, reach),
    countDealsByStage(db, window, reach),
    countNoDealReasons(db, window, reach),
    departmentNames(db),
  ])
  const staff = await staffOf(db, [...new Set(counted.map((c) => c.accountId))])
  return presentVisitsCalls(
    {
      period: query.period,
      from: query.from,
      to: query.to,
      timeZone: window.timeZone,
      reach: {
        kind: reach.kind,
        departmentId: reach.kind === 'department' ? reach.departmentId : null,
      },
      buckets: periodStarts(query.period, query.from, query.to),
    },
    counted,
    staff,
    names,
    stages,
    reasons,
  )
}

/**
 * The same statistics as an Excel workbook in the caller's language, audited:
 * it leaves the system, and carries staff names and counts, no customer.
 */
export async function exportVisitsCalls(
  call: Call,
  query: VisitsCallsQuery,
  language: Language,
): Promise<{ file: Buffer; filename: string }> {
  const statistics = await visitsCalls(call, query)
  const file = await visitsCallsWorkbook(statistics, language)
  await recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: call.principal.actor,
    action: 'statistics.exported',
    details: {
      period: query.period,
      from: query.from,
      to: query.to,
      reach: statistics.reach.kind,
      ...(statistics.reach.departmentId && { departmentId: statistics.reach.departmentId }),
      rows: statistics.rows.length,
    },
  })
  return { file, filename: `custodia-visits-calls-${query.period}-${query.from}-${query.to}.xlsx` }
}
