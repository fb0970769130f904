import { recordAuditEvent } from '../../audit/audit-log.js'
import type { SealedValues } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, isInScope } from '../../security/customer-policy.js'
import { dayIn, endOfDayIn } from '../calendar/index.js'
import { openCustomer } from '../customers/index.js'
import { type PreparedFollowUp, planFollowUp, prepareFollowUp } from '../follow-ups/index.js'
import { currentWeek, weekAfter } from './iso-week.js'
import {
  boundsOrRefuse,
  countsOf,
  ITEM_NOTE_FIELD,
  readWeek,
  type WeekKey,
  weekKeyOf,
} from './show-week.js'
import {
  findReview,
  findReviewById,
  insertItem,
  insertReview,
  type ReviewRow,
} from './weekly-review.repository.js'
import type { AddItemsInput, PlanItemInput, RecordReviewInput } from './weekly-review.schemas.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** A plan item checked: its follow-up prepared, its note sealed. */
type CheckedItem = { plan: PreparedFollowUp; sealed: SealedValues }

/**
 * The department a review is recorded for: the reviewer's unless told,
 * and only one their scope covers whole (a manager's department; every
 * department for a scope of all).
 */
function departmentOf(call: Call, departmentId: string | null): string {
  if (!departmentId) throw new AppError('WEEKLY_REVIEW_DEPARTMENT_REQUIRED')
  const whole = isInScope(clearanceOf(call.principal), {
    owner_id: null,
    department_id: departmentId,
  })
  if (!whole) throw new AppError('WEEKLY_REVIEW_DEPARTMENT_OUT_OF_SCOPE')
  return departmentId
}

/**
 * Checks every plan item before anything is written: due on a day of the
 * week after the reviewed one, a customer in the reviewer's scope of the
 * review's grade and department (the follow-ups module's own checks: the
 * guard, active, the assignee a member of the department); the note sealed
 * under the customer's key.
 */
async function checkItems(
  call: Call,
  key: WeekKey & { departmentId: string },
  items: readonly PlanItemInput[],
): Promise<CheckedItem[]> {
  const timeZone = call.deps.config.timeZone
  const next = boundsOrRefuse(call, weekAfter(key.week))
  const checked: CheckedItem[] = []
  for (const item of items) {
    const today = dayIn(timeZone, call.now)
    if (item.dueOn < next.monday || item.dueOn > next.sunday || item.dueOn < today) {
      throw new AppError('WEEKLY_REVIEW_DUE_OUTSIDE_NEXT_WEEK')
    }
    const plan = await prepareFollowUp(
      call,
      {
        customerId: item.customerId,
        dueAt: endOfDayIn(timeZone, item.dueOn).toISOString(),
        purpose: item.purpose,
        ...(item.assigneeId && { assigneeId: item.assigneeId }),
      },
      // The customer's own salesperson follows it up unless the reviewer names someone.
      { action: 'weekly_review.recorded', defaultAssignee: 'owner' },
    )
    if (plan.customer.grade !== key.grade || plan.customer.departmentId !== key.departmentId) {
      throw new AppError('WEEKLY_REVIEW_CUSTOMER_NOT_IN_REVIEW')
    }
    const sealed: SealedValues = {}
    if (item.note) {
      const { key: customerKey } = await openCustomer(call.deps, item.customerId, false)
      sealed.note = call.deps.vault.seal(customerKey, ITEM_NOTE_FIELD, item.note)
    }
    checked.push({ plan, sealed })
  }
  return checked
}

/** Writes the checked items as follow-ups of the review, in the caller's transaction. */
async function writeItems(
  trx: Parameters<typeof planFollowUp>[0],
  call: Call,
  review: ReviewRow,
  items: readonly CheckedItem[],
) {
  const followUpIds: string[] = []
  for (const { plan, sealed } of items) {
    const followUp = await planFollowUp(trx, call, plan)
    await insertItem(trx, {
      reviewId: review.id,
      customerId: plan.customerId,
      followUpId: followUp.id,
      sealed,
      by: call.principal.accountId,
      at: call.now,
    })
    followUpIds.push(followUp.id)
  }
  return followUpIds
}

/**
 * POST /weekly-review: records the week's review of a grade of a
 * department, once, with next week's plan items, each made a follow-up in
 * the same transaction (each audited `follow_up.created`); the review keeps
 * the counts of the week's sections as they were.
 */
export async function recordReview(call: Call, input: RecordReviewInput) {
  const { deps, principal, now } = call
  const asked = weekKeyOf(call, input)
  const key = { ...asked, departmentId: departmentOf(call, asked.departmentId) }
  boundsOrRefuse(call, key.week)
  // This week's review, or last week's on the Monday after: not a week long gone, nor one to come.
  const thisWeek = currentWeek(deps.config.timeZone, now)
  const lastWeek = currentWeek(deps.config.timeZone, new Date(now.getTime() - 7 * DAY_MS))
  if (key.week !== thisWeek && key.week !== lastWeek)
    throw new AppError('WEEKLY_REVIEW_WEEK_NOT_OPEN')
  if (await findReview(deps.db, key)) throw new AppError('WEEKLY_REVIEW_ALREADY_RECORDED')
  const items = await checkItems(call, key, input.items)
  const counts = countsOf(await readWeek(call, key))
  await deps.db.transaction().execute(async (trx) => {
    const review = await insertReview(trx, { ...key, counts, by: principal.accountId, at: now })
    // Recorded meanwhile by someone else: the unique key keeps the first.
    if (!review) throw new AppError('WEEKLY_REVIEW_ALREADY_RECORDED')
    const followUpIds = await writeItems(trx, call, review, items)
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'weekly_review.recorded',
      target: { type: 'weekly_review', id: review.id },
      details: {
        week: key.week,
        grade: key.grade,
        departmentId: key.departmentId,
        counts,
        followUps: followUpIds,
        customerIds: [...new Set(items.map((i) => i.plan.customerId))],
      },
    })
  })
  return readWeek(call, key)
}

/**
 * POST /weekly-review/{id}/items: plan items added to a recorded review,
 * explicitly, by a reviewer of its department; the same checks and the same
 * one transaction.
 */
export async function addItems(call: Call, id: string, input: AddItemsInput) {
  const { deps, principal, now } = call
  const review = await findReviewById(deps.db, id)
  if (!review) throw new AppError('WEEKLY_REVIEW_NOT_FOUND')
  const grade = review.grade === 'important' ? 'important' : 'general'
  const key = { week: review.week, grade, departmentId: review.department_id } as const
  try {
    departmentOf(call, key.departmentId)
  } catch {
    // Another department's review is not probed: it answers as missing.
    throw new AppError('WEEKLY_REVIEW_NOT_FOUND')
  }
  const items = await checkItems(call, key, input.items)
  await deps.db.transaction().execute(async (trx) => {
    const followUpIds = await writeItems(trx, call, review, items)
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'weekly_review.items_added',
      target: { type: 'weekly_review', id: review.id },
      details: {
        week: key.week,
        grade: key.grade,
        followUps: followUpIds,
        customerIds: [...new Set(items.map((i) => i.plan.customerId))],
      },
    })
  })
  return readWeek(call, key)
}
