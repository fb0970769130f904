import { type Kysely, type Selectable, sql } from 'kysely'
import type { DB, SealedValues, WeeklyReviewItemTable, WeeklyReviewTable } from '../../db/schema.js'
import { type Clearance, scopeCondition } from '../../security/customer-policy.js'

type Db = Kysely<DB>

export type ReviewRow = Selectable<WeeklyReviewTable>
export type ReviewItemRow = Selectable<WeeklyReviewItemTable>

const DAY_MS = 24 * 60 * 60 * 1000
const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY_MS)

// ---------------------------------------------------------------- settings

export type ReviewSettings = {
  staleDays: number
  reconfirmDays: number
  changedBy: string | null
  changedAt: Date
}

export async function loadSettings(db: Db): Promise<ReviewSettings> {
  const row = await db.selectFrom('weekly_review_settings').selectAll().executeTakeFirstOrThrow()
  return {
    staleDays: row.stale_days,
    reconfirmDays: row.reconfirm_days,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  }
}

export async function saveSettings(
  trx: Db,
  s: { staleDays: number; reconfirmDays: number },
  change: { by: string; at: Date },
) {
  await trx
    .updateTable('weekly_review_settings')
    .set({
      stale_days: s.staleDays,
      reconfirm_days: s.reconfirmDays,
      changed_by: change.by,
      changed_at: change.at,
    })
    .execute()
}

// ---------------------------------------------------------------- the week's sections

/** Which customers a section reads: the caller's scope, one grade, one department (or every one in scope). */
export type Slice = { clearance: Clearance; grade: string; departmentId: string | null }

/** The last confirmation of each customer, as a column of `c`. */
const lastConfirmed = sql<Date | null>`(select max(cc.confirmed_at) from customer_confirmations cc where cc.customer_id = c.id)`

function customersOf(db: Db, slice: Slice) {
  let query = db
    .selectFrom('customers as c')
    .where(scopeCondition(slice.clearance, 'c'))
    .where('c.grade', '=', slice.grade)
    .where('c.destroyed_at', 'is', null)
  if (slice.departmentId) query = query.where('c.department_id', '=', slice.departmentId)
  return query
}

/** Entered during the week. */
export async function newCustomers(db: Db, slice: Slice, start: Date, end: Date) {
  return customersOf(db, slice)
    .select(['c.id', 'c.created_at'])
    .where('c.created_at', '>=', start)
    .where('c.created_at', '<', end)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute()
}

/** Entered before the week and changed during it. */
export async function changedCustomers(db: Db, slice: Slice, start: Date, end: Date) {
  return customersOf(db, slice)
    .select(['c.id', 'c.updated_at'])
    .where('c.created_at', '<', start)
    .where('c.updated_at', '>=', start)
    .where('c.updated_at', '<', end)
    .orderBy('c.updated_at')
    .orderBy('c.id')
    .execute()
}

/** Neither changed nor confirmed within `days` before `asOf`: the oldest first. */
export async function staleRecords(db: Db, slice: Slice, asOf: Date, days: number) {
  const cutoff = daysBefore(asOf, days)
  return customersOf(db, slice)
    .select(['c.id', 'c.updated_at', lastConfirmed.as('last_confirmed_at')])
    .where('c.created_at', '<', asOf)
    .where('c.updated_at', '<', cutoff)
    .where(sql<boolean>`coalesce(${lastConfirmed} < ${cutoff}, true)`)
    .orderBy('c.updated_at')
    .orderBy('c.id')
    .limit(500)
    .execute()
}

/** Not confirmed (nor entered) within `days` before `asOf`. */
function dueCondition(asOf: Date, days: number) {
  return sql<boolean>`coalesce(${lastConfirmed}, c.created_at) < ${daysBefore(asOf, days)}`
}

export async function dueForReconfirmation(db: Db, slice: Slice, asOf: Date, days: number) {
  return customersOf(db, slice)
    .select(['c.id', 'c.created_at', lastConfirmed.as('last_confirmed_at')])
    .where(dueCondition(asOf, days))
    .orderBy(sql`coalesce(${lastConfirmed}, c.created_at)`)
    .orderBy('c.id')
    .limit(500)
    .execute()
}

/**
 * Follow-ups due during the week (up to `asOf`) that were missed: still
 * open, or done more than a day after their due time.
 */
export async function missedFollowUps(db: Db, slice: Slice, start: Date, asOf: Date) {
  return customersOf(db, slice)
    .innerJoin('follow_ups as f', 'f.customer_id', 'c.id')
    .select(['f.id', 'f.customer_id', 'f.due_at', 'f.assignee_id', 'f.status', 'f.completed_at'])
    .where('f.due_at', '>=', start)
    .where('f.due_at', '<', asOf)
    .where((eb) =>
      eb.or([
        eb('f.status', '=', 'open'),
        eb('f.completed_at', '>', sql<Date>`f.due_at + interval '1 day'`),
      ]),
    )
    .orderBy('f.due_at')
    .orderBy('f.id')
    .limit(500)
    .execute()
}

// ---------------------------------------------------------------- re-confirmation

/** A page of the customers in scope due for re-confirmation at `now`, longest unconfirmed first. */
export async function listDue(
  db: Db,
  clearance: Clearance,
  filter: { now: Date; days: number; grade?: string; limit: number; offset: number },
) {
  let query = db
    .selectFrom('customers as c')
    .where(scopeCondition(clearance, 'c'))
    .where('c.destroyed_at', 'is', null)
    .where(dueCondition(filter.now, filter.days))
  if (filter.grade) query = query.where('c.grade', '=', filter.grade)
  const [rows, total] = await Promise.all([
    query
      .select(['c.id', 'c.grade', 'c.created_at', lastConfirmed.as('last_confirmed_at')])
      .orderBy(sql`coalesce(${lastConfirmed}, c.created_at)`)
      .orderBy('c.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export async function confirmationsOf(db: Db, customerId: string) {
  return db
    .selectFrom('customer_confirmations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('confirmed_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute()
}

export async function insertConfirmation(
  trx: Db,
  c: {
    customerId: string
    fields: string[]
    method: 'phone' | 'visit' | 'email' | 'message' | 'portal'
    confirmedAt: Date
    by: string
    at: Date
  },
) {
  return trx
    .insertInto('customer_confirmations')
    .values({
      customer_id: c.customerId,
      fields: c.fields,
      method: c.method,
      confirmed_at: c.confirmedAt,
      confirmed_by: c.by,
      recorded_at: c.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

// ---------------------------------------------------------------- reviews

export async function findReview(
  db: Db,
  key: { week: string; grade: string; departmentId: string },
): Promise<ReviewRow | undefined> {
  return db
    .selectFrom('weekly_reviews')
    .selectAll()
    .where('week', '=', key.week)
    .where('grade', '=', key.grade)
    .where('department_id', '=', key.departmentId)
    .executeTakeFirst()
}

export async function findReviewById(db: Db, id: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('weekly_reviews').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Inserts the week's review, or nothing when it was recorded already (the unique key). */
export async function insertReview(
  trx: Db,
  r: {
    week: string
    grade: string
    departmentId: string
    counts: Record<string, number>
    by: string
    at: Date
  },
): Promise<ReviewRow | undefined> {
  return trx
    .insertInto('weekly_reviews')
    .values({
      week: r.week,
      grade: r.grade,
      department_id: r.departmentId,
      counts: r.counts,
      recorded_by: r.by,
      recorded_at: r.at,
    })
    .onConflict((oc) => oc.columns(['week', 'grade', 'department_id']).doNothing())
    .returningAll()
    .executeTakeFirst()
}

export async function insertItem(
  trx: Db,
  item: {
    reviewId: string
    customerId: string
    followUpId: string
    sealed: SealedValues
    by: string
    at: Date
  },
) {
  return trx
    .insertInto('weekly_review_items')
    .values({
      review_id: item.reviewId,
      customer_id: item.customerId,
      follow_up_id: item.followUpId,
      sealed: item.sealed,
      added_by: item.by,
      added_at: item.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The plan items of a review with their follow-ups, of customers in the caller's scope. */
export async function itemsOf(db: Db, clearance: Clearance, reviewId: string) {
  return db
    .selectFrom('weekly_review_items as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .innerJoin('follow_ups as f', 'f.id', 'i.follow_up_id')
    .where(scopeCondition(clearance, 'c'))
    .where('i.review_id', '=', reviewId)
    .select([
      'i.id',
      'i.customer_id',
      'i.follow_up_id',
      'i.sealed',
      'f.due_at',
      'f.purpose',
      'f.assignee_id',
      'f.status',
    ])
    .orderBy('f.due_at')
    .orderBy('i.id')
    .execute()
}
