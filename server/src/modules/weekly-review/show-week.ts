import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { maskedNamesOf, openCustomer } from '../customers/index.js'
import { boundsOf, currentWeek, type WeekBounds } from './iso-week.js'
import { customerRefOf, personOf, purposeOf } from './weekly-review.presenter.js'
import {
  changedCustomers,
  dueForReconfirmation,
  findReview,
  itemsOf,
  loadSettings,
  missedFollowUps,
  newCustomers,
  type Slice,
  staleRecords,
} from './weekly-review.repository.js'
import type { WeekQuery } from './weekly-review.schemas.js'

/** The sealed note of a plan item, under the customer's key. */
export const ITEM_NOTE_FIELD = 'weekly_review.note'

/** One grade of one department in one week, as a review reads it. */
export type WeekKey = { week: string; grade: 'important' | 'general'; departmentId: string | null }

/** The week asked for (this week unless told) and the department (the caller's unless told). */
export function weekKeyOf(call: Call, query: Omit<WeekQuery, 'week'> & { week?: string }): WeekKey {
  return {
    week: query.week ?? currentWeek(call.deps.config.timeZone, call.now),
    grade: query.grade,
    departmentId: query.departmentId ?? call.principal.departmentId,
  }
}

export function boundsOrRefuse(call: Call, week: string): WeekBounds {
  const bounds = boundsOf(call.deps.config.timeZone, week)
  if (!bounds) throw new AppError('WEEKLY_REVIEW_WEEK_INVALID')
  return bounds
}

/**
 * The week's sections, computed in SQL over the caller's scope: new and
 * changed customers, stale records and those due for re-confirmation (as
 * of the week's end, or now for the current week), follow-ups missed; each
 * customer by its masked name only. Nothing is audited here.
 */
export async function readWeek(call: Call, key: WeekKey) {
  const { deps, principal, now } = call
  const bounds = boundsOrRefuse(call, key.week)
  const asOf = new Date(Math.min(bounds.end.getTime(), now.getTime()))
  const slice: Slice = {
    clearance: clearanceOf(principal),
    grade: key.grade,
    departmentId: key.departmentId,
  }
  const settings = await loadSettings(deps.db)
  const [created, changed, stale, due, missed, review] = await Promise.all([
    newCustomers(deps.db, slice, bounds.start, bounds.end),
    changedCustomers(deps.db, slice, bounds.start, bounds.end),
    staleRecords(deps.db, slice, asOf, settings.staleDays),
    dueForReconfirmation(deps.db, slice, asOf, settings.reconfirmDays),
    missedFollowUps(deps.db, slice, bounds.start, asOf),
    key.departmentId
      ? findReview(deps.db, { week: key.week, grade: key.grade, departmentId: key.departmentId })
      : undefined,
  ])
  const items = review ? await itemsOf(deps.db, slice.clearance, review.id) : []

  const customerIds = new Set<string>()
  for (const r of [...created, ...changed, ...stale, ...due]) customerIds.add(r.id)
  for (const r of [...missed, ...items]) customerIds.add(r.customer_id)
  const staff = new Set<string>([...missed, ...items].map((r) => r.assignee_id))
  if (review) staff.add(review.recorded_by)
  const [masked, names] = await Promise.all([
    maskedNamesOf(deps, [...customerIds]),
    displayNamesOf(deps.db, [...staff]),
  ])
  // Each plan item's note, opened with its customer's key once.
  const notes = new Map<string, string>()
  for (const item of items) {
    const sealed = item.sealed.note
    if (!sealed) continue
    const { key: customerKey } = await openCustomer(deps, item.customer_id, false)
    notes.set(item.id, deps.vault.open(customerKey, ITEM_NOTE_FIELD, sealed))
  }

  return {
    week: key.week,
    grade: key.grade,
    departmentId: key.departmentId,
    monday: bounds.monday,
    sunday: bounds.sunday,
    asOf,
    staleDays: settings.staleDays,
    reconfirmDays: settings.reconfirmDays,
    newCustomers: created.map((r) => ({ ...customerRefOf(masked, r.id), createdAt: r.created_at })),
    changedCustomers: changed.map((r) => ({
      ...customerRefOf(masked, r.id),
      updatedAt: r.updated_at,
    })),
    staleRecords: stale.map((r) => ({
      ...customerRefOf(masked, r.id),
      updatedAt: r.updated_at,
      lastConfirmedAt: r.last_confirmed_at ? new Date(r.last_confirmed_at) : null,
    })),
    dueForReconfirmation: due.map((r) => ({
      ...customerRefOf(masked, r.id),
      createdAt: r.created_at,
      lastConfirmedAt: r.last_confirmed_at ? new Date(r.last_confirmed_at) : null,
    })),
    missedFollowUps: missed.map((r) => ({
      ...customerRefOf(masked, r.customer_id),
      followUpId: r.id,
      dueAt: r.due_at,
      assignee: personOf(names, r.assignee_id),
      missed: r.status === 'open' ? ('open' as const) : ('late' as const),
      completedAt: r.completed_at,
    })),
    review: review
      ? {
          id: review.id,
          recordedAt: review.recorded_at,
          recordedBy: personOf(names, review.recorded_by),
          items: items.map((i) => ({
            ...customerRefOf(masked, i.customer_id),
            followUpId: i.follow_up_id,
            dueAt: i.due_at,
            purpose: purposeOf(i.purpose),
            assignee: personOf(names, i.assignee_id),
            status: i.status,
            note: notes.get(i.id) ?? null,
          })),
        }
      : null,
  }
}

/** The counts of a week's sections: what a recorded review keeps of them. */
export function countsOf(week: Awaited<ReturnType<typeof readWeek>>): Record<string, number> {
  return {
    newCustomers: week.newCustomers.length,
    changedCustomers: week.changedCustomers.length,
    staleRecords: week.staleRecords.length,
    dueForReconfirmation: week.dueForReconfirmation.length,
    missedFollowUps: week.missedFollowUps.length,
  }
}

/** GET /weekly-review: the week's sections for the caller, audited with the customers named. */
export async function showWeek(call: Call, query: WeekQuery) {
  const key = weekKeyOf(call, query)
  const week = await readWeek(call, key)
  const customerIds = new Set<string>()
  for (const list of [
    week.newCustomers,
    week.changedCustomers,
    week.staleRecords,
    week.dueForReconfirmation,
    week.missedFollowUps,
    week.review?.items ?? [],
  ]) {
    for (const entry of list) customerIds.add(entry.customerId)
  }
  await recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: call.principal.actor,
    action: 'weekly_review.viewed',
    details: {
      week: key.week,
      grade: key.grade,
      departmentId: key.departmentId,
      counts: countsOf(week),
      customerIds: [...customerIds],
    },
  })
  return week
}
