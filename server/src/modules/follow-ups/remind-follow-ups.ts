import type { RequestContext } from '../../audit/audit-log.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { type Call, type Caller, systemCall } from '../../platform/http/call.js'
import { displayNamesOf } from '../accounts/index.js'
import { maskedNamesOf } from '../customers/index.js'
import { mailPending, type NewNotification, notify } from '../notifications/index.js'
import {
  dueUnreminded,
  loadSettings,
  managersOf,
  markEscalated,
  markReminded,
  overdueUnescalated,
} from './follow-ups.repository.js'

const JOB = 'follow-up-reminders'
const JOB_CONTEXT: RequestContext = { requestId: `job:${JOB}`, sourceIp: null, userAgent: null }
const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/** The job's call: the system acting, at the clock's time. */
export function remindCall(deps: AppDeps): Call<Caller> {
  return { ...systemCall(deps, { type: 'system', name: JOB }), context: JOB_CONTEXT }
}

/** The console's link to a follow-up: its page, opened on it. */
export const followUpLink = (id: string) => `/follow-ups?open=${id}`

/**
 * Issue 17, run by the scheduled job one process at a time, on the job's
 * connection `db`: notifies the assignee of each open follow-up coming due
 * (its due time less the reminder lead), once; notifies the active managers
 * of the assignee's department of each one still open the escalation delay
 * past its due time, once; then sends by e-mail what is waiting, when the
 * server sends e-mail. A notification carries the customer's masked name
 * and a link, nothing more.
 */
export async function remindFollowUps(
  call: Call<Caller>,
  db: Database,
): Promise<{ reminded: number; escalated: number; mailed: number }> {
  const { now } = call
  const settings = await loadSettings(db)
  const due = await dueUnreminded(
    db,
    new Date(now.getTime() + settings.remindBeforeMinutes * MINUTE_MS),
  )
  const overdue = await overdueUnescalated(
    db,
    new Date(now.getTime() - settings.escalateAfterHours * HOUR_MS),
  )
  if (due.length > 0 || overdue.length > 0) {
    const deps = { ...call.deps, db }
    const customers = [...new Set([...due, ...overdue].map((f) => f.customer_id))]
    const departments = [
      ...new Set(overdue.flatMap((f) => (f.department_id ? [f.department_id] : []))),
    ]
    const [masked, managers, names] = await Promise.all([
      maskedNamesOf(deps, customers),
      managersOf(db, departments),
      displayNamesOf(db, [...new Set(overdue.map((f) => f.assignee_id))]),
    ])
    const notices: NewNotification[] = []
    for (const f of due) {
      notices.push({
        accountId: f.assignee_id,
        kind: 'follow_up.due',
        link: followUpLink(f.id),
        params: { customer: masked.get(f.customer_id) ?? '', dueAt: f.due_at.toISOString() },
      })
    }
    const escalatedTo = new Map<string, string[]>()
    for (const f of overdue) {
      const to = (f.department_id ? (managers.get(f.department_id) ?? []) : []).filter(
        (id) => id !== f.assignee_id,
      )
      escalatedTo.set(f.id, to)
      for (const accountId of to) {
        notices.push({
          accountId,
          kind: 'follow_up.overdue',
          link: followUpLink(f.id),
          params: {
            customer: masked.get(f.customer_id) ?? '',
            dueAt: f.due_at.toISOString(),
            assignee: names.get(f.assignee_id) ?? '',
          },
        })
      }
    }
    await db.transaction().execute(async (trx) => {
      await notify(trx, notices, now)
      await markReminded(
        trx,
        due.map((f) => f.id),
        now,
      )
      await markEscalated(
        trx,
        overdue.map((f) => f.id),
        now,
      )
      for (const f of due) {
        await recordAuditEvent(trx, now, call.context, {
          actor: call.principal.actor,
          action: 'follow_up.reminded',
          target: { type: 'follow_up', id: f.id },
          details: { customerId: f.customer_id, assignee: f.assignee_id },
        })
      }
      for (const f of overdue) {
        await recordAuditEvent(trx, now, call.context, {
          actor: call.principal.actor,
          action: 'follow_up.escalated',
          target: { type: 'follow_up', id: f.id },
          details: {
            customerId: f.customer_id,
            assignee: f.assignee_id,
            managers: escalatedTo.get(f.id) ?? [],
          },
        })
      }
    })
  }
  const mailed = await mailPending(call, db)
  return { reminded: due.length, escalated: overdue.length, mailed }
}
