import { type Kysely, sql } from 'kysely'
import type { CallChannel, CallOutcome, DB, PassedOver, ReceptionRule } from '../../db/schema.js'

/** One desk: a department on a day (the company's calendar day). */
export type Desk = { departmentId: string; day: string }

export type DeskRow = {
  account_id: string
  display_name: string
  position: number
  checked_in_at: Date
  away_since: Date | null
  owed: number
  busy: boolean
}

/** Who is on the desk (checked in and not out for the day), in check-in order. */
export async function deskMembers(db: Kysely<DB>, desk: Desk): Promise<DeskRow[]> {
  return db
    .selectFrom('reception_duty as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'd.account_id',
      'a.display_name',
      'd.position',
      'd.checked_in_at',
      'd.away_since',
      'd.owed',
      // Busy with one of today's visitors: a visit left open yesterday does not hold today's turn.
      sql<boolean>`exists (select 1 from reception_visits v
        where v.received_by = d.account_id and v.day = d.day and v.finished_at is null)`.as('busy'),
    ])
    .where('d.department_id', '=', desk.departmentId)
    .where('d.day', '=', desk.day)
    .where('d.checked_out_at', 'is', null)
    .orderBy('d.position')
    .execute()
}

/**
 * The desk's rotation row, locked until the transaction ends: two walk-ins
 * registered at once are given out one after the other, never both to the
 * same turn.
 */
export async function lockRotation(trx: Kysely<DB>, desk: Desk): Promise<number> {
  await trx
    .insertInto('reception_rotation')
    .values({ department_id: desk.departmentId, day: desk.day })
    .onConflict((oc) => oc.columns(['department_id', 'day']).doNothing())
    .execute()
  const row = await trx
    .selectFrom('reception_rotation')
    .select('next_position')
    .where('department_id', '=', desk.departmentId)
    .where('day', '=', desk.day)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return row.next_position
}

/** Where the desk's rotation looks next (0 before the day's first walk-in); not locked. */
export async function rotationPosition(db: Kysely<DB>, desk: Desk): Promise<number> {
  const row = await db
    .selectFrom('reception_rotation')
    .select('next_position')
    .where('department_id', '=', desk.departmentId)
    .where('day', '=', desk.day)
    .executeTakeFirst()
  return row?.next_position ?? 0
}

export async function moveRotation(trx: Kysely<DB>, desk: Desk, nextPosition: number) {
  await trx
    .updateTable('reception_rotation')
    .set({ next_position: nextPosition })
    .where('department_id', '=', desk.departmentId)
    .where('day', '=', desk.day)
    .execute()
}

/** Today's duty row of one member, checked out or not. */
export async function dutyOf(trx: Kysely<DB>, desk: Desk, accountId: string) {
  return trx
    .selectFrom('reception_duty')
    .selectAll()
    .where('department_id', '=', desk.departmentId)
    .where('day', '=', desk.day)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
}

/** A first check-in of the day: the member joins the end of the order. */
export async function joinDesk(trx: Kysely<DB>, desk: Desk, accountId: string, at: Date) {
  await trx
    .insertInto('reception_duty')
    .values((eb) => ({
      department_id: desk.departmentId,
      day: desk.day,
      account_id: accountId,
      position: eb
        .selectFrom('reception_duty')
        .select(sql<number>`coalesce(max(position) + 1, 0)`.as('position'))
        .where('department_id', '=', desk.departmentId)
        .where('day', '=', desk.day),
      checked_in_at: at,
    }))
    .execute()
}

export async function updateDuty(
  trx: Kysely<DB>,
  desk: Desk,
  accountId: string,
  change: { away_since?: Date | null; checked_out_at?: Date | null; owed?: number },
) {
  await trx
    .updateTable('reception_duty')
    .set(change)
    .where('department_id', '=', desk.departmentId)
    .where('day', '=', desk.day)
    .where('account_id', '=', accountId)
    .execute()
}

/** Whether an account is active in the department (a receiver may be named from it). */
export async function isActiveMember(db: Kysely<DB>, departmentId: string, accountId: string) {
  const found = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return found !== undefined
}

export type NewVisit = {
  desk: Desk
  arrivedAt: Date
  receivedBy: string
  rule: ReceptionRule
  customerId: string | null
  passedOver: PassedOver[]
  overrideReason: string | null
  recordedBy: string
}

export async function insertVisit(trx: Kysely<DB>, visit: NewVisit): Promise<string> {
  const { id } = await trx
    .insertInto('reception_visits')
    .values({
      department_id: visit.desk.departmentId,
      day: visit.desk.day,
      arrived_at: visit.arrivedAt,
      received_by: visit.receivedBy,
      rule: visit.rule,
      customer_id: visit.customerId,
      passed_over: JSON.stringify(visit.passedOver),
      override_reason: visit.overrideReason,
      recorded_by: visit.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const visitColumns = [
  'v.id',
  'v.department_id',
  'v.day',
  'v.arrived_at',
  'v.received_by',
  'r.display_name as receiver_name',
  'v.rule',
  'v.customer_id',
  'v.passed_over',
  'v.override_reason',
  'v.finished_at',
  'v.outcome',
] as const

const selectVisits = (db: Kysely<DB>) =>
  db
    .selectFrom('reception_visits as v')
    .innerJoin('accounts as r', 'r.id', 'v.received_by')
    .select(visitColumns)

export type VisitRow = Awaited<
  ReturnType<ReturnType<typeof selectVisits>['executeTakeFirstOrThrow']>
>

export async function findVisit(db: Kysely<DB>, id: string, departmentId: string) {
  return selectVisits(db)
    .where('v.id', '=', id)
    .where('v.department_id', '=', departmentId)
    .executeTakeFirst()
}

/** The visitor register of a desk between two days (inclusive), newest first. */
export async function listVisits(
  db: Kysely<DB>,
  departmentId: string,
  range: { from: string; to: string; limit: number },
): Promise<VisitRow[]> {
  return selectVisits(db)
    .where('v.department_id', '=', departmentId)
    .where('v.day', '>=', range.from)
    .where('v.day', '<=', range.to)
    .orderBy('v.arrived_at', 'desc')
    .limit(range.limit)
    .execute()
}

/** The customer a walk-in was entered as (register-visitor.ts). */
export async function linkVisitToCustomer(trx: Kysely<DB>, visitId: string, customerId: string) {
  await trx
    .updateTable('reception_visits')
    .set({ customer_id: customerId })
    .where('id', '=', visitId)
    .where('customer_id', 'is', null)
    .execute()
}

/** Ends an open visit; false when it was already finished. */
export async function finishOpenVisit(
  trx: Kysely<DB>,
  id: string,
  change: { finishedAt: Date; outcome: string },
): Promise<boolean> {
  const done = await trx
    .updateTable('reception_visits')
    .set({ finished_at: change.finishedAt, outcome: change.outcome })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst()
  return Number(done.numUpdatedRows) === 1
}

export type NewCall = {
  desk: Desk
  receivedAt: Date
  takenBy: string
  channel: CallChannel
  outcome: CallOutcome
  customerId: string | null
}

export async function insertCall(trx: Kysely<DB>, call: NewCall): Promise<string> {
  const { id } = await trx
    .insertInto('reception_calls')
    .values({
      department_id: call.desk.departmentId,
      day: call.desk.day,
      received_at: call.receivedAt,
      taken_by: call.takenBy,
      channel: call.channel,
      outcome: call.outcome,
      customer_id: call.customerId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const selectCalls = (db: Kysely<DB>) =>
  db
    .selectFrom('reception_calls as c')
    .innerJoin('accounts as a', 'a.id', 'c.taken_by')
    .select([
      'c.id',
      'c.day',
      'c.received_at',
      'c.taken_by',
      'a.display_name as taker_name',
      'c.channel',
      'c.outcome',
      'c.customer_id',
    ])

export type CallRow = Awaited<ReturnType<ReturnType<typeof selectCalls>['executeTakeFirstOrThrow']>>

export async function findCall(db: Kysely<DB>, id: string) {
  return selectCalls(db).where('c.id', '=', id).executeTakeFirstOrThrow()
}

/** The call register of a desk between two days (inclusive), newest first. */
export async function listCalls(
  db: Kysely<DB>,
  departmentId: string,
  range: { from: string; to: string; limit: number },
): Promise<CallRow[]> {
  return selectCalls(db)
    .where('c.department_id', '=', departmentId)
    .where('c.day', '>=', range.from)
    .where('c.day', '<=', range.to)
    .orderBy('c.received_at', 'desc')
    .limit(range.limit)
    .execute()
}

/**
 * The visits of one customer on one day of the company, earliest first, and
 * who received each: what the deals module's same-day rule reads (当日成交).
 */
export async function visitsOfCustomerOn(
  db: Kysely<DB>,
  customerId: string,
  day: string,
): Promise<{ id: string; received_by: string; arrived_at: Date }[]> {
  return db
    .selectFrom('reception_visits')
    .select(['id', 'received_by', 'arrived_at'])
    .where('customer_id', '=', customerId)
    .where('day', '=', day)
    .orderBy('arrived_at')
    .execute()
}
