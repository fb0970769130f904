import { type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import { dayIn, loadOverrides, workingDaysLeft } from '../calendar/index.js'
import { WARN_WORKING_DAYS } from './request-view.js'

const JOB_CONTEXT: RequestContext = {
  requestId: 'job:request-deadlines',
  sourceIp: null,
  userAgent: null,
}
const ACTOR = { type: 'system', name: 'request-deadlines' } as const

/**
 * DSR-1: flags each open request once when 5 working days remain
 * (`request.due_soon`) and once when its due date has passed
 * (`request.overdue`, which raises an alert). Run by a scheduled job.
 */
export async function flagDeadlines(
  db: Database,
  now: Date,
  timeZone: string,
): Promise<{ dueSoon: number; overdue: number }> {
  const overrides = await loadOverrides(db)
  const today = dayIn(timeZone, now)
  const open = await db
    .selectFrom('data_requests')
    .select(['id', 'customer_id', 'due_day', 'due_at', 'warned_at', 'overdue_at'])
    .where('status', 'in', ['received', 'in_progress'])
    .where((eb) => eb.or([eb('warned_at', 'is', null), eb('overdue_at', 'is', null)]))
    .execute()
  let dueSoon = 0
  let overdue = 0
  for (const request of open) {
    const late = now > request.due_at
    const soon = workingDaysLeft(today, request.due_day, overrides) <= WARN_WORKING_DAYS
    const flag =
      late && !request.overdue_at ? 'overdue' : soon && !request.warned_at ? 'due_soon' : null
    if (!flag) continue
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('data_requests')
        .set(
          flag === 'overdue'
            ? { overdue_at: now, warned_at: request.warned_at ?? now }
            : { warned_at: now },
        )
        .where('id', '=', request.id)
        .execute()
      await trx
        .insertInto('data_request_events')
        .values({ request_id: request.id, action: flag, actor_id: null, at: now })
        .execute()
      await recordAuditEvent(trx, now, JOB_CONTEXT, {
        actor: ACTOR,
        action: flag === 'overdue' ? 'request.overdue' : 'request.due_soon',
        target: { type: 'customer', id: request.customer_id },
        details: { requestId: request.id, dueDay: request.due_day },
      })
    })
    if (flag === 'overdue') overdue++
    else dueSoon++
  }
  return { dueSoon, overdue }
}
