import { type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { CountName, Period } from './statistics.schemas.js'

/*
 * The statistics' queries (来人来电统计表, 成交状况分析表; issue 17 §6,
 * RPT-1). They count rows of other modules' tables — anyone may read a
 * table, only its owner writes it — and never read a sealed column: every
 * figure is a count of records, grouped by the company's calendar day
 * (`at time zone`), so no personal value is opened to compute one.
 */

/** Whose work is counted: everyone's, a department's members', or one account's. */
export type StaffReach =
  | { kind: 'all' }
  | { kind: 'department'; departmentId: string | null }
  | { kind: 'own'; accountId: string }

export type StatisticsWindow = {
  period: Period
  fromDay: string
  toDay: string
  /** The first instant of `fromDay` and the first after `toDay`, in the company's zone. */
  start: Date
  end: Date
  /** Today's calendar day: a follow-up due today is not missed yet. */
  today: string
  timeZone: string
}

/** Which staff a row's account column may name, as a condition on that column. */
function staffCondition(reach: StaffReach, column: RawBuilder<unknown>): RawBuilder<boolean> {
  switch (reach.kind) {
    case 'all':
      return sql<boolean>`true`
    case 'own':
      return sql<boolean>`${column} = ${reach.accountId}`
    case 'department':
      return reach.departmentId === null
        ? sql<boolean>`false`
        : sql<boolean>`${column} in (select id from accounts where department_id = ${reach.departmentId})`
  }
}

/** A timestamp column's calendar day in the company's zone. */
const dayOf = (column: string, timeZone: string) =>
  sql`(${sql.ref(column)} at time zone ${timeZone})::date`

/** The event kinds of the union below, as the count each one feeds. */
const EVENT_COUNTS: Record<string, CountName> = {
  visit: 'visits',
  call: 'calls',
  contact: 'contacts',
  new_customer: 'newCustomers',
  follow_up_done: 'followUpsDone',
  follow_up_missed: 'followUpsMissed',
  deal_signed: 'dealsSigned',
  deal_lost: 'dealsLost',
  first_contact: 'firstContacts',
  converted: 'converted',
}

export type CountRow = { bucket: string; accountId: string; count: CountName; n: number }

/**
 * Every count of the range in one statement: each kind of work is a branch
 * of a union of (staff, day, kind), bucketed by day, ISO week or month.
 *
 * - visits and calls: the reception's registers (来访登记, 来电登记), by who received them;
 * - contacts: every interaction logged (跟进记录), by its staff;
 * - new customers: records entered (not drafts, not rejected), by who entered them;
 * - follow-ups done, by who completed them; missed: due in the range, by
 *   the assignee, still open after their due day or done on a later day;
 * - deals signed, by their closer; deals lost or cancelled, by their
 *   closer, on the day they ended;
 * - first contacts: customers whose first interaction ever fell in the
 *   range, by that interaction's staff (kept on the customer as its first
 *   contact); converted: those of them with a signed deal by now (the
 *   conversion from first contact to deal).
 */
export async function countWork(
  db: Database,
  window: StatisticsWindow,
  reach: StaffReach,
): Promise<CountRow[]> {
  const { rows } = await workCountsQuery(window, reach).execute(db)
  return rows.map((r) => ({
    bucket: r.bucket,
    accountId: r.staff_id,
    count: EVENT_COUNTS[r.kind] as CountName,
    n: Number(r.n),
  }))
}

/** The statement of countWork, apart so that the benchmark can ask the planner about it. */
export function workCountsQuery(window: StatisticsWindow, reach: StaffReach) {
  const { start, end, fromDay, toDay, timeZone, today } = window
  const staff = (column: string) => staffCondition(reach, sql.ref(column))
  return sql<{ bucket: string; staff_id: string; kind: string; n: number }>`
    with events as (
      select v.received_by as staff_id, v.day::date as day, 'visit' as kind
        from reception_visits v
       where v.day between ${fromDay} and ${toDay} and ${staff('v.received_by')}
      union all
      select c.taken_by, c.day::date, 'call'
        from reception_calls c
       where c.day between ${fromDay} and ${toDay} and ${staff('c.taken_by')}
      union all
      select i.staff_id, ${dayOf('i.occurred_at', timeZone)}, 'contact'
        from interactions i
       where i.occurred_at >= ${start} and i.occurred_at < ${end} and ${staff('i.staff_id')}
      union all
      select c.created_by, ${dayOf('c.created_at', timeZone)}, 'new_customer'
        from customers c
       where c.created_at >= ${start} and c.created_at < ${end}
         and c.status not in ('draft', 'rejected') and ${staff('c.created_by')}
      union all
      select coalesce(f.completed_by, f.assignee_id), ${dayOf('f.completed_at', timeZone)}, 'follow_up_done'
        from follow_ups f
       where f.status = 'done' and f.completed_at >= ${start} and f.completed_at < ${end}
         and ${staffCondition(reach, sql`coalesce(f.completed_by, f.assignee_id)`)}
      union all
      select f.assignee_id, ${dayOf('f.due_at', timeZone)}, 'follow_up_missed'
        from follow_ups f
       where f.due_at >= ${start} and f.due_at < ${end}
         and ${dayOf('f.due_at', timeZone)} < ${today}::date
         and (f.status = 'open' or ${dayOf('f.completed_at', timeZone)} > ${dayOf('f.due_at', timeZone)})
         and ${staff('f.assignee_id')}
      union all
      select d.closer_id, ${dayOf('d.signed_at', timeZone)}, 'deal_signed'
        from deals d
       where d.signed_at >= ${start} and d.signed_at < ${end} and ${staff('d.closer_id')}
      union all
      select d.closer_id, ${dayOf('ch.changed_at', timeZone)}, 'deal_lost'
        from deal_stage_changes ch
        join deal_stages s on s.code = ch.to_stage and s.kind in ('lost', 'cancelled')
        join deals d on d.id = ch.deal_id
       where ch.changed_at >= ${start} and ch.changed_at < ${end} and ${staff('d.closer_id')}
      union all
      select c.first_contact_by, ${dayOf('c.first_contact_at', timeZone)}, k.kind
        from customers c
        cross join lateral (
          select 'first_contact' as kind
          union all
          select 'converted'
           where exists (
             select 1 from deals d where d.customer_id = c.id and d.signed_at is not null
           )
        ) k
       where c.first_contact_at >= ${start} and c.first_contact_at < ${end}
         and ${staff('c.first_contact_by')}
    )
    select date_trunc(${window.period}, day)::date::text as bucket, staff_id, kind, count(*)::int as n
      from events
     group by 1, 2, 3
  `
}

export type StageCountRow = {
  code: string
  kind: string
  label_zh: string
  label_en: string
  count: number
}

/** Deals opened in the range, by the stage each is at now, in the stages' order. */
export async function countDealsByStage(
  db: Database,
  window: StatisticsWindow,
  reach: StaffReach,
): Promise<StageCountRow[]> {
  const { rows } = await sql<StageCountRow>`
    select s.code, s.kind, s.label_zh, s.label_en, count(d.id)::int as count
      from deal_stages s
      join deals d on d.stage = s.code
     where d.created_at >= ${window.start} and d.created_at < ${window.end}
       and ${staffCondition(reach, sql.ref('d.closer_id'))}
     group by s.code, s.kind, s.label_zh, s.label_en, s.position
     order by s.position
  `.execute(db)
  return rows.map((r) => ({ ...r, count: Number(r.count) }))
}

export type ReasonCountRow = {
  code: string
  kind: 'lost' | 'cancelled'
  label_zh: string
  label_en: string
  count: number
}

/**
 * Why deals ended in the range (未成交原因, 退订原因), by the reason given
 * when they ended; a deal ended without a reason counts under `none`.
 */
export async function countNoDealReasons(
  db: Database,
  window: StatisticsWindow,
  reach: StaffReach,
): Promise<ReasonCountRow[]> {
  const { rows } = await sql<ReasonCountRow & { position: number | null }>`
    select coalesce(r.code, 'none') as code, s.kind, r.label_zh, r.label_en,
           min(r.position) as position, count(*)::int as count
      from deal_stage_changes ch
      join deal_stages s on s.code = ch.to_stage and s.kind in ('lost', 'cancelled')
      join deals d on d.id = ch.deal_id
      left join deal_reasons r on r.kind = s.kind and r.code = ch.reason
     where ch.changed_at >= ${window.start} and ch.changed_at < ${window.end}
       and ${staffCondition(reach, sql.ref('d.closer_id'))}
     group by 1, 2, 3, 4
     order by 2, 5 nulls last
  `.execute(db)
  return rows.map(({ position: _, ...r }) => ({
    ...r,
    label_zh: r.label_zh ?? '未注明原因',
    label_en: r.label_en ?? 'No reason given',
    count: Number(r.count),
  }))
}

export type StaffRow = { id: string; name: string; departmentId: string | null }

/** The names and departments of the accounts counted (staff, never customers). */
export async function staffOf(db: Database, ids: string[]): Promise<StaffRow[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'department_id'])
    .where('id', 'in', ids)
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.display_name, departmentId: r.department_id }))
}

/** Department names by id. */
export async function departmentNames(db: Database): Promise<Map<string, string>> {
  const rows = await db.selectFrom('departments').select(['id', 'name']).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}
