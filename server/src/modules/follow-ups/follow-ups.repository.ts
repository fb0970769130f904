import type { Kysely, Selectable } from 'kysely'
import type { DB, FollowUpTable, SealedValues } from '../../db/schema.js'
import { type Clearance, scopeCondition } from '../../security/customer-policy.js'

type Db = Kysely<DB>

export type FollowUpRow = Selectable<FollowUpTable>

// ---------------------------------------------------------------- settings

export type FollowUpSettings = {
  levelAEveryDays: number
  levelBEveryDays: number
  remindBeforeMinutes: number
  escalateAfterHours: number
  changedBy: string | null
  changedAt: Date
}

export async function loadSettings(db: Db): Promise<FollowUpSettings> {
  const row = await db.selectFrom('follow_up_settings').selectAll().executeTakeFirstOrThrow()
  return {
    levelAEveryDays: row.level_a_every_days,
    levelBEveryDays: row.level_b_every_days,
    remindBeforeMinutes: row.remind_before_minutes,
    escalateAfterHours: row.escalate_after_hours,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  }
}

export async function saveSettings(
  trx: Db,
  s: Omit<FollowUpSettings, 'changedBy' | 'changedAt'>,
  change: { by: string; at: Date },
) {
  await trx
    .updateTable('follow_up_settings')
    .set({
      level_a_every_days: s.levelAEveryDays,
      level_b_every_days: s.levelBEveryDays,
      remind_before_minutes: s.remindBeforeMinutes,
      escalate_after_hours: s.escalateAfterHours,
      changed_by: change.by,
      changed_at: change.at,
    })
    .execute()
}

// ---------------------------------------------------------------- follow-ups

export async function insertFollowUp(
  trx: Db,
  f: {
    customerId: string
    assigneeId: string
    dueAt: Date
    purpose: string
    recurring: boolean
    previousId: string | null
    createdBy: string
    at: Date
  },
): Promise<FollowUpRow> {
  return trx
    .insertInto('follow_ups')
    .values({
      customer_id: f.customerId,
      assignee_id: f.assigneeId,
      due_at: f.dueAt,
      purpose: f.purpose,
      recurring: f.recurring,
      previous_id: f.previousId,
      created_by: f.createdBy,
      created_at: f.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findFollowUp(db: Db, id: string): Promise<FollowUpRow | undefined> {
  return db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockFollowUp(trx: Db, id: string): Promise<FollowUpRow | undefined> {
  return trx
    .selectFrom('follow_ups')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function completeFollowUpRow(
  trx: Db,
  id: string,
  done: { result: string; sealed: SealedValues; by: string; at: Date },
): Promise<FollowUpRow> {
  return trx
    .updateTable('follow_ups')
    .set({
      status: 'done',
      result: done.result,
      sealed: done.sealed,
      completed_by: done.by,
      completed_at: done.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The follow-ups planned after each of `ids` (the next of a recurring plan). */
export async function nextOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; dueAt: Date }>()
  const rows = await db
    .selectFrom('follow_ups')
    .select(['id', 'due_at', 'previous_id'])
    .where('previous_id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.previous_id as string, { id: r.id, dueAt: r.due_at }]))
}

/** A page of the follow-ups of customers in the caller's scope, soonest due first. */
export async function listFollowUps(
  db: Db,
  clearance: Clearance,
  filter: {
    assigneeId?: string
    dueFrom?: Date
    dueBefore?: Date
    customerId?: string
    status?: 'open' | 'done'
    limit: number
    offset: number
  },
) {
  let query = db
    .selectFrom('follow_ups as f')
    .innerJoin('customers as c', 'c.id', 'f.customer_id')
    .where(scopeCondition(clearance, 'c'))
  if (filter.assigneeId) query = query.where('f.assignee_id', '=', filter.assigneeId)
  if (filter.customerId) query = query.where('f.customer_id', '=', filter.customerId)
  if (filter.status) query = query.where('f.status', '=', filter.status)
  if (filter.dueFrom) query = query.where('f.due_at', '>=', filter.dueFrom)
  if (filter.dueBefore) query = query.where('f.due_at', '<', filter.dueBefore)
  const [rows, total] = await Promise.all([
    query
      .selectAll('f')
      .orderBy('f.due_at')
      .orderBy('f.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/** Is `accountId` an active member of the department (any department when none)? */
export async function isActiveStaff(db: Db, accountId: string, departmentId: string | null) {
  let query = db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('status', '=', 'active')
  if (departmentId) query = query.where('department_id', '=', departmentId)
  return (await query.executeTakeFirst()) !== undefined
}

/** The tracking level (A, B, C) of a customer. */
export async function trackingLevelOf(db: Db, customerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('customers')
    .select('tracking_level')
    .where('id', '=', customerId)
    .executeTakeFirst()
  return row?.tracking_level ?? null
}

// ---------------------------------------------------------------- the job

/** Open follow-ups due by `until` whose assignee has not been reminded. */
export async function dueUnreminded(db: Db, until: Date) {
  return db
    .selectFrom('follow_ups')
    .select(['id', 'customer_id', 'assignee_id', 'due_at'])
    .where('status', '=', 'open')
    .where('reminded_at', 'is', null)
    .where('due_at', '<=', until)
    .orderBy('due_at')
    .execute()
}

/** Open follow-ups due before `dueBefore` not escalated yet, with their assignee's department. */
export async function overdueUnescalated(db: Db, dueBefore: Date) {
  return db
    .selectFrom('follow_ups as f')
    .innerJoin('accounts as a', 'a.id', 'f.assignee_id')
    .select(['f.id', 'f.customer_id', 'f.assignee_id', 'f.due_at', 'a.department_id'])
    .where('f.status', '=', 'open')
    .where('f.escalated_at', 'is', null)
    .where('f.due_at', '<=', dueBefore)
    .orderBy('f.due_at')
    .execute()
}

export async function markReminded(trx: Db, ids: readonly string[], at: Date) {
  if (ids.length === 0) return
  await trx
    .updateTable('follow_ups')
    .set({ reminded_at: at })
    .where('id', 'in', ids)
    .where('reminded_at', 'is', null)
    .execute()
}

export async function markEscalated(trx: Db, ids: readonly string[], at: Date) {
  if (ids.length === 0) return
  await trx
    .updateTable('follow_ups')
    .set({ escalated_at: at })
    .where('id', 'in', ids)
    .where('escalated_at', 'is', null)
    .execute()
}

/** The active managers of each department in `departmentIds`. */
export async function managersOf(db: Db, departmentIds: readonly string[]) {
  const managers = new Map<string, string[]>()
  if (departmentIds.length === 0) return managers
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('account_roles as r', 'r.account_id', 'a.id')
    .select(['a.id', 'a.department_id'])
    .where('r.role', '=', 'manager')
    .where('a.status', '=', 'active')
    .where('a.department_id', 'in', departmentIds)
    .orderBy('a.id')
    .execute()
  for (const row of rows) {
    const dept = row.department_id as string
    managers.set(dept, [...(managers.get(dept) ?? []), row.id])
  }
  return managers
}
