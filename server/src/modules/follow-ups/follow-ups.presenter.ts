import type { FollowUpRow, FollowUpSettings } from './follow-ups.repository.js'
import { PURPOSES, RESULTS } from './follow-ups.schemas.js'

type Person = { id: string; name: string }

const purposeOf = (code: string) =>
  (PURPOSES as readonly string[]).includes(code) ? (code as (typeof PURPOSES)[number]) : 'other'
const resultOf = (code: string | null) =>
  code === null
    ? null
    : (RESULTS as readonly string[]).includes(code)
      ? (code as (typeof RESULTS)[number])
      : 'other'

/** A follow-up as the API answers it: the customer masked, the note as opened for the caller. */
export function presentFollowUp(
  row: FollowUpRow,
  opened: {
    maskedName: string | undefined
    names: Map<string, string>
    note: string | null
    next: { id: string; dueAt: Date } | undefined
    now: Date
  },
) {
  const person = (id: string): Person => ({ id, name: opened.names.get(id) ?? '' })
  return {
    id: row.id,
    customerId: row.customer_id,
    maskedName: opened.maskedName ?? '',
    assignee: person(row.assignee_id),
    dueAt: row.due_at,
    purpose: purposeOf(row.purpose),
    recurring: row.recurring,
    status: row.status,
    overdue: row.status === 'open' && row.due_at.getTime() < opened.now.getTime(),
    result: resultOf(row.result),
    note: opened.note,
    completedAt: row.completed_at,
    completedBy: row.completed_by ? person(row.completed_by) : null,
    next: opened.next ?? null,
    createdAt: row.created_at,
  }
}

export function presentSettings(settings: FollowUpSettings, changedByName: string | undefined) {
  return {
    levelAEveryDays: settings.levelAEveryDays,
    levelBEveryDays: settings.levelBEveryDays,
    remindBeforeMinutes: settings.remindBeforeMinutes,
    escalateAfterHours: settings.escalateAfterHours,
    changedAt: settings.changedAt,
    changedBy: settings.changedBy ? { id: settings.changedBy, name: changedByName ?? '' } : null,
  }
}
