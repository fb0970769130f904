import { type Kysely, type Selectable, sql } from 'kysely'
import type {
  DailyReportCounts,
  DailyReportTable,
  DB,
  SealedValues,
  TrackingCheckTable,
  TrackingField,
  TrackingFormVersionTable,
} from '../../db/schema.js'
import { type Clearance, scopeCondition } from '../../security/customer-policy.js'

type Db = Kysely<DB>

export type VersionRow = Selectable<TrackingFormVersionTable>
export type CheckRow = Selectable<TrackingCheckTable>
export type DailyReportRow = Selectable<DailyReportTable>

// ---------------------------------------------------------------- settings

export type TrackingSettings = {
  fields: TrackingField[]
  levelAStaleDays: number
  levelBStaleDays: number
  changedBy: string | null
  changedAt: Date
}

export async function loadSettings(db: Db): Promise<TrackingSettings> {
  const row = await db.selectFrom('tracking_settings').selectAll().executeTakeFirstOrThrow()
  return {
    fields: row.fields,
    levelAStaleDays: row.level_a_stale_days,
    levelBStaleDays: row.level_b_stale_days,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  }
}

export async function saveSettings(
  trx: Db,
  s: { fields: TrackingField[]; levelAStaleDays: number; levelBStaleDays: number },
  change: { by: string; at: Date },
) {
  await trx
    .updateTable('tracking_settings')
    .set({
      fields: JSON.stringify(s.fields),
      level_a_stale_days: s.levelAStaleDays,
      level_b_stale_days: s.levelBStaleDays,
      changed_by: change.by,
      changed_at: change.at,
    })
    .execute()
}

// ---------------------------------------------------------------- forms

/** A customer's versions, the latest first. */
export async function versionsOf(db: Db, customerId: string, limit = 100): Promise<VersionRow[]> {
  return db
    .selectFrom('tracking_form_versions')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('version', 'desc')
    .limit(limit)
    .execute()
}

/** Writes the next version of a customer's form (numbered after the latest, in the caller's transaction). */
export async function insertVersion(
  trx: Db,
  v: {
    customerId: string
    sealed: SealedValues
    fields: TrackingField[]
    filled: string[]
    changed: string[]
    by: string
    at: Date
  },
): Promise<VersionRow> {
  const latest = await trx
    .selectFrom('tracking_form_versions')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('customer_id', '=', v.customerId)
    .executeTakeFirst()
  return trx
    .insertInto('tracking_form_versions')
    .values({
      customer_id: v.customerId,
      version: Number(latest?.n ?? 0) + 1,
      sealed: v.sealed,
      fields: JSON.stringify(v.fields),
      filled: JSON.stringify(v.filled),
      changed: JSON.stringify(v.changed),
      created_by: v.by,
      created_at: v.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A customer's supervisor checks, the latest first. */
export async function checksOf(db: Db, customerId: string, limit = 50): Promise<CheckRow[]> {
  return db
    .selectFrom('tracking_checks')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('checked_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function insertCheck(
  trx: Db,
  c: { customerId: string; version: number | null; sealed: SealedValues; by: string; at: Date },
): Promise<CheckRow> {
  return trx
    .insertInto('tracking_checks')
    .values({
      customer_id: c.customerId,
      version: c.version,
      sealed: c.sealed,
      checked_by: c.by,
      checked_at: c.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * A page of the A and B customers in the caller's scope with their form's
 * state, the soonest stale first: the latest version, the latest check,
 * and when it goes stale (its level's period after the last update, or
 * after the customer was entered when never filled — tracking-rules.ts).
 */
export async function listForms(
  db: Db,
  clearance: Clearance,
  filter: {
    staleBy?: Date
    levelAStaleDays: number
    levelBStaleDays: number
    limit: number
    offset: number
  },
) {
  const forms = db
    .selectFrom('customers as c')
    .where(scopeCondition(clearance, 'c'))
    .where('c.destroyed_at', 'is', null)
    .where('c.tracking_level', 'in', ['A', 'B'])
    .select([
      'c.id as customer_id',
      'c.tracking_level',
      'c.owner_id',
      sql<
        number | null
      >`(select max(v.version) from tracking_form_versions v where v.customer_id = c.id)`.as(
        'version',
      ),
      sql<Date | null>`(select max(v.created_at) from tracking_form_versions v where v.customer_id = c.id)`.as(
        'updated_at',
      ),
      sql<Date | null>`(select max(k.checked_at) from tracking_checks k where k.customer_id = c.id)`.as(
        'last_checked_at',
      ),
      sql<Date>`coalesce((select max(v.created_at) from tracking_form_versions v where v.customer_id = c.id), c.created_at)
        + make_interval(days => case when c.tracking_level = 'A' then ${filter.levelAStaleDays}::int else ${filter.levelBStaleDays}::int end)`.as(
        'stale_at',
      ),
    ])
  let query = db.selectFrom(forms.as('f'))
  if (filter.staleBy) query = query.where('f.stale_at', '<=', filter.staleBy)
  const [rows, total] = await Promise.all([
    query
      .selectAll('f')
      .orderBy('f.stale_at')
      .orderBy('f.customer_id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

// ---------------------------------------------------------------- daily reports

/**
 * What one account did in [from, to), counted from the records: customers
 * it entered, interactions it had, follow-ups it completed, deals it signed.
 */
export async function countDay(
  db: Db,
  accountId: string,
  range: { from: Date; to: Date },
): Promise<DailyReportCounts> {
  const { from, to } = range
  const row = await db
    .selectNoFrom([
      sql<string>`(select count(*) from customers where created_by = ${accountId} and created_at >= ${from} and created_at < ${to})`.as(
        'new_customers',
      ),
      sql<string>`(select count(*) from interactions where staff_id = ${accountId} and occurred_at >= ${from} and occurred_at < ${to})`.as(
        'interactions',
      ),
      sql<string>`(select count(*) from follow_ups where completed_by = ${accountId} and completed_at >= ${from} and completed_at < ${to})`.as(
        'follow_ups_done',
      ),
      sql<string>`(select count(*) from deals where closer_id = ${accountId} and signed_at >= ${from} and signed_at < ${to})`.as(
        'deals_signed',
      ),
    ])
    .executeTakeFirstOrThrow()
  return {
    newCustomers: Number(row.new_customers),
    interactions: Number(row.interactions),
    followUpsDone: Number(row.follow_ups_done),
    dealsSigned: Number(row.deals_signed),
  }
}

export async function findReport(db: Db, id: string): Promise<DailyReportRow | undefined> {
  return db.selectFrom('daily_reports').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function reportOf(db: Db, accountId: string, day: string) {
  return db
    .selectFrom('daily_reports')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('day', '=', day)
    .executeTakeFirst()
}

/** The account's report of the day, locked for the length of the caller's transaction. */
export async function lockReportOf(trx: Db, accountId: string, day: string) {
  return trx
    .selectFrom('daily_reports')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('day', '=', day)
    .forUpdate()
    .executeTakeFirst()
}

export async function lockReport(trx: Db, id: string) {
  return trx
    .selectFrom('daily_reports')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function insertReport(
  trx: Db,
  r: {
    accountId: string
    departmentId: string | null
    day: string
    counts: DailyReportCounts
    sealedText: string | null
    at: Date
  },
): Promise<DailyReportRow> {
  return trx
    .insertInto('daily_reports')
    .values({
      account_id: r.accountId,
      department_id: r.departmentId,
      day: r.day,
      counts: JSON.stringify(r.counts),
      sealed_text: r.sealedText,
      submitted_at: r.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Amends an unreviewed report: the counts taken again, the text replaced. */
export async function amendReport(
  trx: Db,
  id: string,
  r: { counts: DailyReportCounts; sealedText: string | null; at: Date },
): Promise<DailyReportRow> {
  return trx
    .updateTable('daily_reports')
    .set({ counts: JSON.stringify(r.counts), sealed_text: r.sealedText, amended_at: r.at })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function markReviewed(
  trx: Db,
  id: string,
  r: { by: string; sealedComment: string | null; at: Date },
): Promise<DailyReportRow> {
  return trx
    .updateTable('daily_reports')
    .set({ reviewed_by: r.by, reviewed_at: r.at, sealed_comment: r.sealedComment })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A page of daily reports, the latest day first: an account's own, or a department's. */
export async function listReports(
  db: Db,
  filter: {
    accountId?: string
    departmentId?: string
    day?: string
    status?: 'pending' | 'reviewed'
    limit: number
    offset: number
  },
) {
  let query = db.selectFrom('daily_reports')
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId)
  if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId)
  if (filter.day) query = query.where('day', '=', filter.day)
  if (filter.status === 'pending') query = query.where('reviewed_at', 'is', null)
  if (filter.status === 'reviewed') query = query.where('reviewed_at', 'is not', null)
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('day', 'desc')
      .orderBy('submitted_at', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}
