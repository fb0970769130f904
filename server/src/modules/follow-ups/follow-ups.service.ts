import type { AuditAction } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { SealedValues } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { dayIn, endOfDayIn } from '../calendar/index.js'
import {
  customerInScope,
  maskedNamesOf,
  openCustomer,
  recordCustomerActivity,
} from '../customers/index.js'
import { dayBefore, nextDueAt, recurrenceDays } from './follow-up-rules.js'
import { presentFollowUp, presentSettings } from './follow-ups.presenter.js'
import {
  completeFollowUpRow,
  type FollowUpRow,
  findFollowUp,
  insertFollowUp,
  isActiveStaff,
  listFollowUps as listFollowUpRows,
  loadSettings,
  lockFollowUp,
  nextOf,
  saveSettings,
  trackingLevelOf,
} from './follow-ups.repository.js'
import type {
  CompleteFollowUpInput,
  CreateFollowUpInput,
  FollowUpSettingsInput,
  FollowUpsQuery,
} from './follow-ups.schemas.js'

/** The sealed result note's field name under the customer's key. */
const NOTE_FIELD = 'follow_up.note'

/** The company's calendar day of `now`, and when it starts and ends. */
function today(call: Call) {
  const timeZone = call.deps.config.timeZone
  const day = dayIn(timeZone, call.now)
  const start = new Date(endOfDayIn(timeZone, dayBefore(day)).getTime() + 1)
  const end = new Date(endOfDayIn(timeZone, day).getTime() + 1)
  return { day, start, end }
}

/** Rows to API shapes: masked names, staff names, notes opened with each customer's key once. */
async function present(call: Call, rows: FollowUpRow[]) {
  const { deps, now } = call
  const customerIds = [...new Set(rows.map((r) => r.customer_id))]
  const staff = new Set<string>()
  for (const r of rows) {
    staff.add(r.assignee_id)
    if (r.completed_by) staff.add(r.completed_by)
  }
  const [masked, names, next] = await Promise.all([
    maskedNamesOf(deps, customerIds),
    displayNamesOf(deps.db, [...staff]),
    nextOf(
      deps.db,
      rows.map((r) => r.id),
    ),
  ])
  const keys = new Map<string, Awaited<ReturnType<typeof openCustomer>>['key']>()
  const notes = new Map<string, string>()
  for (const row of rows) {
    const sealed = row.sealed.note
    if (!sealed) continue
    let key = keys.get(row.customer_id)
    if (!key) {
      key = (await openCustomer(deps, row.customer_id, false)).key
      keys.set(row.customer_id, key)
    }
    notes.set(row.id, deps.vault.open(key, NOTE_FIELD, sealed))
  }
  return rows.map((row) =>
    presentFollowUp(row, {
      maskedName: masked.get(row.customer_id),
      names,
      note: notes.get(row.id) ?? null,
      next: next.get(row.id),
      now,
    }),
  )
}

/** A follow-up checked and ready to be written: its customer guarded, its assignee known. */
export type PreparedFollowUp = {
  customerId: string
  assigneeId: string
  dueAt: Date
  purpose: CreateFollowUpInput['purpose']
  recurring: boolean
  /** The customer's grade and department, for a planner with rules of its own (the weekly review). */
  customer: { grade: string | null; departmentId: string | null }
}

/** How another module plans: the action a refusal is audited under, and who does it unless told. */
export type PlanningOptions = {
  action?: AuditAction
  /** `owner`: the customer's owner when an active member of its department, else the caller. */
  defaultAssignee?: 'caller' | 'owner'
}

/**
 * The checks of planning a follow-up, before any transaction: the customer
 * in the caller's scope (out of scope: not found, audited under `action`)
 * and active, the assignee an active member of its department (the caller
 * unless told). A customer of tracking level A or B recurs unless told not to.
 */
export async function prepareFollowUp(
  call: Call,
  input: CreateFollowUpInput,
  options: PlanningOptions = {},
): Promise<PreparedFollowUp> {
  const { deps, principal } = call
  const customer = await customerInScope(
    call,
    input.customerId,
    options.action ?? 'follow_up.created',
  )
  if (customer.status !== 'active') throw new AppError('FOLLOW_UP_CUSTOMER_NOT_ACTIVE')
  let assigneeId = input.assigneeId ?? principal.accountId
  if (
    input.assigneeId !== undefined &&
    !(await isActiveStaff(deps.db, assigneeId, customer.department_id))
  ) {
    throw new AppError('FOLLOW_UP_ASSIGNEE_UNKNOWN')
  }
  const owner = customer.owner_id
  if (
    input.assigneeId === undefined &&
    options.defaultAssignee === 'owner' &&
    owner &&
    (await isActiveStaff(deps.db, owner, customer.department_id))
  ) {
    assigneeId = owner
  }
  return {
    customerId: customer.id,
    assigneeId,
    dueAt: new Date(input.dueAt),
    purpose: input.purpose,
    recurring: input.recurring ?? ['A', 'B'].includes(customer.tracking_level ?? ''),
    customer: { grade: customer.grade, departmentId: customer.department_id },
  }
}

/**
 * Writes a prepared follow-up with its audit event inside the caller's
 * transaction: the one writer of a follow-up for another module (the
 * weekly review plans next week's this way, in its own transaction).
 */
export async function planFollowUp(trx: Database, call: Call, plan: PreparedFollowUp) {
  const { principal, now } = call
  const created = await insertFollowUp(trx, {
    customerId: plan.customerId,
    assigneeId: plan.assigneeId,
    dueAt: plan.dueAt,
    purpose: plan.purpose,
    recurring: plan.recurring,
    previousId: null,
    createdBy: principal.accountId,
    at: now,
  })
  await recordAuditEvent(trx, now, call.context, {
    actor: principal.actor,
    action: 'follow_up.created',
    target: { type: 'follow_up', id: created.id },
    details: {
      customerId: plan.customerId,
      assignee: plan.assigneeId,
      dueAt: created.due_at.toISOString(),
      purpose: plan.purpose,
      recurring: plan.recurring,
    },
  })
  return created
}

/**
 * POST /follow-ups: plans a follow-up of a customer in the caller's scope,
 * for an active member of its department (the caller unless told), due at
 * a time. A customer of tracking level A or B recurs unless told not to.
 */
export async function createFollowUp(call: Call, input: CreateFollowUpInput) {
  const plan = await prepareFollowUp(call, input)
  const row = await call.deps.db.transaction().execute((trx) => planFollowUp(trx, call, plan))
  const [shown] = await present(call, [row])
  return shown
}

/**
 * GET /follow-ups: the follow-ups of customers in the caller's scope (a
 * manager: the department's), soonest due first; `assignee=me` the caller's
 * own, `due=today` open ones due on the company's calendar day, `due=overdue`
 * open ones due before it.
 */
export async function listFollowUps(call: Call, query: FollowUpsQuery) {
  const { deps, principal, now } = call
  const { day, start, end } = today(call)
  const due =
    query.due === 'today'
      ? { dueFrom: start, dueBefore: end, status: 'open' as const }
      : query.due === 'overdue'
        ? { dueBefore: start, status: 'open' as const }
        : {}
  const { rows, total } = await listFollowUpRows(deps.db, clearanceOf(principal), {
    ...(query.assignee === 'me' && { assigneeId: principal.accountId }),
    ...(query.customerId && { customerId: query.customerId }),
    ...(query.status && { status: query.status }),
    ...due,
    limit: query.limit,
    offset: query.offset,
  })
  const items = await present(call, rows)
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'follow_up.listed',
    details: {
      count: items.length,
      customerIds: [...new Set(rows.map((r) => r.customer_id))],
      ...(query.due && { due: query.due }),
      ...(query.customerId && { customerId: query.customerId }),
    },
  })
  return { items, total, day }
}

/**
 * POST /follow-ups/{id}/complete: the follow-up is done, with a result code
 * and a note sealed under the customer's key; the customer's registration
 * is renewed and the pool's clock restarted (recordCustomerActivity). A
 * recurring plan plans its next one by the customer's tracking level now.
 */
export async function completeFollowUp(call: Call, id: string, input: CompleteFollowUpInput) {
  const { deps, principal, now } = call
  const found = await findFollowUp(deps.db, id)
  if (!found) throw new AppError('FOLLOW_UP_NOT_FOUND')
  const sealed: SealedValues = {}
  if (input.note) {
    const { key } = await openCustomer(deps, found.customer_id, false)
    sealed.note = deps.vault.seal(key, NOTE_FIELD, input.note)
  }
  const [settings, level] = await Promise.all([
    loadSettings(deps.db),
    trackingLevelOf(deps.db, found.customer_id),
  ])
  const row = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockFollowUp(trx, id)
    if (!locked) throw new AppError('FOLLOW_UP_NOT_FOUND')
    if (locked.status !== 'open') throw new AppError('FOLLOW_UP_ALREADY_DONE')
    const done = await completeFollowUpRow(trx, id, {
      result: input.result,
      sealed,
      by: principal.accountId,
      at: now,
    })
    await recordCustomerActivity(trx, { customerId: done.customer_id, at: now, kind: 'follow_up' })
    const days = done.recurring ? recurrenceDays(level, settings) : null
    const next =
      days === null
        ? undefined
        : await insertFollowUp(trx, {
            customerId: done.customer_id,
            assigneeId: done.assignee_id,
            dueAt: nextDueAt(now, days),
            purpose: done.purpose,
            recurring: true,
            previousId: done.id,
            createdBy: principal.accountId,
            at: now,
          })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'follow_up.completed',
      target: { type: 'follow_up', id },
      details: {
        customerId: done.customer_id,
        result: input.result,
        note: input.note !== undefined,
        ...(next && { next: next.id, nextDueAt: next.due_at.toISOString() }),
      },
    })
    return done
  })
  const [shown] = await present(call, [row])
  return shown
}

/** GET /follow-ups/settings: the rules of follow-up plans. */
export async function showSettings(call: Call) {
  const settings = await loadSettings(call.deps.db)
  const names = await displayNamesOf(call.deps.db, settings.changedBy ? [settings.changedBy] : [])
  return presentSettings(settings, settings.changedBy ? names.get(settings.changedBy) : undefined)
}

/** PUT /follow-ups/settings: replaces the rules, audited with what they were. */
export async function changeSettings(call: Call, input: FollowUpSettingsInput) {
  const { deps, principal, now } = call
  const before = await showSettings(call)
  await deps.db.transaction().execute(async (trx) => {
    await saveSettings(trx, input, { by: principal.accountId, at: now })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'follow_up.settings_changed',
      details: {
        before: {
          levelAEveryDays: before.levelAEveryDays,
          levelBEveryDays: before.levelBEveryDays,
          remindBeforeMinutes: before.remindBeforeMinutes,
          escalateAfterHours: before.escalateAfterHours,
        },
        after: input,
      },
    })
  })
  return showSettings(call)
}
