import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { DAY } from '../../platform/clock.js'
import { type Clearance, poolCondition } from '../../security/customer-policy.js'
import type { PoolRule } from './pool-rules.js'

type Db = Kysely<DB>

// ---------------------------------------------------------------- settings

export type PoolSettings = {
  recyclingEnabled: boolean
  dailyPickLimit: number
  coolOffDays: number
  ownerCap: number
  changedBy: string | null
  changedAt: Date
}

export async function loadSettings(db: Db): Promise<PoolSettings> {
  const row = await db.selectFrom('pool_settings').selectAll().executeTakeFirstOrThrow()
  return {
    recyclingEnabled: row.recycling_enabled,
    dailyPickLimit: row.daily_pick_limit,
    coolOffDays: row.cool_off_days,
    ownerCap: row.owner_cap,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  }
}

/** The rules per grade, the default (no grade) first. */
export async function loadRules(db: Db): Promise<PoolRule[]> {
  const rows = await db
    .selectFrom('pool_rules')
    .select(['grade', 'recycle_after_days', 'warn_days_before'])
    .orderBy(sql`grade is not null`)
    .orderBy('grade')
    .execute()
  return rows.map((r) => ({
    grade: r.grade,
    recycleAfterDays: r.recycle_after_days,
    warnDaysBefore: r.warn_days_before,
  }))
}

export async function saveSettings(
  trx: Db,
  settings: Omit<PoolSettings, 'changedAt' | 'changedBy'>,
  change: { by: string; at: Date },
) {
  await trx
    .updateTable('pool_settings')
    .set({
      recycling_enabled: settings.recyclingEnabled,
      daily_pick_limit: settings.dailyPickLimit,
      cool_off_days: settings.coolOffDays,
      owner_cap: settings.ownerCap,
      changed_by: change.by,
      changed_at: change.at,
    })
    .execute()
}

/** Replaces every rule with `rules`. */
export async function replaceRules(
  trx: Db,
  rules: readonly PoolRule[],
  change: { by: string; at: Date },
) {
  await trx.deleteFrom('pool_rules').execute()
  await trx
    .insertInto('pool_rules')
    .values(
      rules.map((r) => ({
        grade: r.grade,
        recycle_after_days: r.recycleAfterDays,
        warn_days_before: r.warnDaysBefore,
        changed_by: change.by,
        changed_at: change.at,
      })),
    )
    .execute()
}

// ---------------------------------------------------------------- owned customers

export type OwnedRow = {
  id: string
  owner_id: string
  department_id: string | null
  grade: string | null
  since: Date
  recycle_after_days: number
  warn_days_before: number
  warned_at: Date | null
}

/**
 * Active customers with an owner whose warning time has come at `now` (by
 * the rule of their grade): the job's candidates, or one owner's customers
 * about to return. `since` is the latest follow-up or deal
 * (`last_activity_at`), or the current owner's registration (建档) when
 * later: a customer just picked or transferred starts a full period.
 */
export async function ownedDueForWarning(
  db: Db,
  now: Date,
  only: { ownerId?: string; customerId?: string } = {},
): Promise<OwnedRow[]> {
  const { rows } = await sql<OwnedRow>`
    with owned as (
      select c.id, c.owner_id, c.department_id, c.grade,
        greatest(c.last_activity_at, c.created_at,
          (select max(r.registered_at) from customer_registrations r
            where r.customer_id = c.id and r.account_id = c.owner_id and r.ended_at is null)) as since
      from customers c
      where c.status = 'active' and c.owner_id is not null
        ${only.ownerId ? sql`and c.owner_id = ${only.ownerId}` : sql``}
        ${only.customerId ? sql`and c.id = ${only.customerId}` : sql``}
    ), ruled as (
      select o.*,
        coalesce(g.recycle_after_days, d.recycle_after_days) as recycle_after_days,
        coalesce(g.warn_days_before, d.warn_days_before) as warn_days_before
      from owned o
      cross join (select recycle_after_days, warn_days_before from pool_rules where grade is null) d
      left join pool_rules g on g.grade = o.grade
    )
    select r.id, r.owner_id, r.department_id, r.grade, r.since,
      r.recycle_after_days, r.warn_days_before,
      (select max(w.warned_at) from pool_warnings w
        where w.customer_id = r.id and w.owner_id = r.owner_id and w.warned_at >= r.since) as warned_at
    from ruled r
    where r.since + make_interval(days => r.recycle_after_days - r.warn_days_before) <= ${now}
    order by r.since, r.id`.execute(db)
  return rows.map((r) => ({
    ...r,
    since: new Date(r.since),
    warned_at: r.warned_at === null ? null : new Date(r.warned_at),
  }))
}

export async function insertWarnings(
  trx: Db,
  warnings: { customerId: string; ownerId: string; returnsAt: Date; at: Date }[],
) {
  if (warnings.length === 0) return
  await trx
    .insertInto('pool_warnings')
    .values(
      warnings.map((w) => ({
        customer_id: w.customerId,
        owner_id: w.ownerId,
        returns_at: w.returnsAt,
        warned_at: w.at,
      })),
    )
    .execute()
}

// ---------------------------------------------------------------- the pool

export type PoolRow = {
  id: string
  kind: 'individual' | 'organization'
  grade: string | null
  source: string | null
  department_id: string | null
  in_pool_since: Date
  former_owner_id: string | null
  /** When the customer last returned to the pool from the caller, if ever. */
  my_recycled_at: Date | null
}

/** The caller's pool reach (the policy's rule), filtered, newest in the pool first. */
export async function poolPage(
  db: Db,
  clearance: Clearance,
  query: { departmentId?: string; grade?: string; limit: number; offset: number },
): Promise<{ rows: PoolRow[]; total: number }> {
  const where = sql`c.owner_id is null and c.status = 'active'
    and ${poolCondition(clearance, 'c')}
    ${query.departmentId ? sql`and c.department_id = ${query.departmentId}` : sql``}
    ${query.grade ? sql`and c.grade = ${query.grade}` : sql``}`
  const { rows } = await sql<PoolRow>`
    select c.id, c.kind, c.grade, c.source, c.department_id,
      coalesce(back.changed_at, c.updated_at) as in_pool_since,
      back.from_owner_id as former_owner_id,
      (select max(m.changed_at) from customer_owner_changes m
        where m.customer_id = c.id and m.kind = 'recycled'
          and m.from_owner_id = ${clearance.accountId}) as my_recycled_at
    from customers c
    left join lateral (select o.changed_at, o.from_owner_id from customer_owner_changes o
      where o.customer_id = c.id and o.kind = 'recycled'
      order by o.changed_at desc limit 1) back on true
    where ${where}
    order by in_pool_since desc, c.id
    limit ${query.limit} offset ${query.offset}`.execute(db)
  const counted = await sql<{ n: string }>`
    select count(*) as n from customers c where ${where}`.execute(db)
  return {
    rows: rows.map((r) => ({
      ...r,
      in_pool_since: new Date(r.in_pool_since),
      my_recycled_at: r.my_recycled_at === null ? null : new Date(r.my_recycled_at),
    })),
    total: Number(counted.rows[0]?.n ?? 0),
  }
}

// ---------------------------------------------------------------- picking

/** Serialises one person's picks: two at once cannot both pass the daily limit or the cap. */
export async function lockPicker(trx: Db, accountId: string) {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute()
}

/** The customer to pick, locked until the transaction ends (two colleagues cannot both pick it). */
export async function lockCustomer(trx: Db, customerId: string) {
  return trx
    .selectFrom('customers')
    .select(['id', 'owner_id', 'department_id', 'status'])
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst()
}

/** When the customer last returned to the pool from `accountId` within `days` before `now`, if it did. */
export async function recycledFromWithin(
  db: Db,
  options: { customerId: string; accountId: string; days: number; now: Date },
): Promise<Date | undefined> {
  const after = new Date(options.now.getTime() - options.days * DAY)
  const row = await db
    .selectFrom('customer_owner_changes')
    .select((eb) => eb.fn.max('changed_at').as('at'))
    .where('customer_id', '=', options.customerId)
    .where('kind', '=', 'recycled')
    .where('from_owner_id', '=', options.accountId)
    .where('changed_at', '>', after)
    .executeTakeFirst()
  return row?.at ? new Date(row.at) : undefined
}

export async function picksOn(db: Db, accountId: string, day: string): Promise<number> {
  const row = await db
    .selectFrom('pool_picks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('day', '=', day)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The customers an account owns against the cap: every record not destroyed or rejected. */
export async function ownedCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner_id', '=', accountId)
    .where('status', 'in', ['active', 'restricted', 'draft', 'submitted'])
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function insertPick(
  trx: Db,
  pick: {
    customerId: string
    accountId: string
    departmentId: string | null
    day: string
    at: Date
  },
) {
  await trx
    .insertInto('pool_picks')
    .values({
      customer_id: pick.customerId,
      account_id: pick.accountId,
      department_id: pick.departmentId,
      day: pick.day,
      picked_at: pick.at,
    })
    .execute()
}
