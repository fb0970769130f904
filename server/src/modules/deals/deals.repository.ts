import type { Kysely } from 'kysely'
import type { DB, SealedValues, StoredCredit } from '../../db/schema.js'
import { type Clearance, GONE_STATUSES, scopeCondition } from '../../security/customer-policy.js'
import type { SharePair } from './credit-split.js'

/** Every stage as the company configures them, in order (active or not: old deals may be in one). */
export async function dealStages(db: Kysely<DB>) {
  return db.selectFrom('deal_stages').selectAll().orderBy('position').execute()
}

/** The reasons a deal ends with, in order (active or not). */
export async function dealReasons(db: Kysely<DB>) {
  return db.selectFrom('deal_reasons').selectAll().orderBy('kind').orderBy('position').execute()
}

export async function dealShares(
  db: Kysely<DB>,
): Promise<{ registrationValid: SharePair; sameDay: SharePair }> {
  const row = await db.selectFrom('deal_settings').selectAll().executeTakeFirstOrThrow()
  return {
    registrationValid: {
      closer: Number(row.valid_closer_share),
      registrant: Number(row.valid_registrant_share),
    },
    sameDay: {
      closer: Number(row.same_day_closer_share),
      registrant: Number(row.same_day_registrant_share),
    },
  }
}

export type NewDeal = {
  customerId: string
  stage: string
  sealed: SealedValues
  product: string | null
  closerId: string
  reason: string | null
  createdBy: string
  at: Date
}

export async function insertDeal(trx: Kysely<DB>, deal: NewDeal): Promise<string> {
  const { id } = await trx
    .insertInto('deals')
    .values({
      customer_id: deal.customerId,
      stage: deal.stage,
      sealed: JSON.stringify(deal.sealed),
      product: deal.product,
      closer_id: deal.closerId,
      reason: deal.reason,
      created_by: deal.createdBy,
      created_at: deal.at,
      updated_at: deal.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export type DealChange = {
  stage?: string
  sealed?: SealedValues
  product?: string | null
  closer_id?: string
  reason?: string | null
  signed_at?: Date
  credit?: StoredCredit
  credit_fixed_at?: Date
  updated_at: Date
}

export async function updateDeal(trx: Kysely<DB>, id: string, change: DealChange) {
  const { sealed, credit, ...plain } = change
  await trx
    .updateTable('deals')
    .set({
      ...plain,
      ...(sealed && { sealed: JSON.stringify(sealed) }),
      ...(credit && { credit: JSON.stringify(credit) }),
    })
    .where('id', '=', id)
    .execute()
}

export async function insertStageChange(
  trx: Kysely<DB>,
  change: {
    dealId: string
    from: string | null
    to: string
    reason: string | null
    by: string
    at: Date
  },
) {
  await trx
    .insertInto('deal_stage_changes')
    .values({
      deal_id: change.dealId,
      from_stage: change.from,
      to_stage: change.to,
      reason: change.reason,
      changed_by: change.by,
      changed_at: change.at,
    })
    .execute()
}

const selectDeals = (db: Kysely<DB>) =>
  db
    .selectFrom('deals as d')
    .innerJoin('customers as c', 'c.id', 'd.customer_id')
    .innerJoin('accounts as closer', 'closer.id', 'd.closer_id')
    .innerJoin('accounts as creator', 'creator.id', 'd.created_by')
    .select([
      'd.id',
      'c.id as customer_id',
      'c.department_id as customer_department_id',
      'd.stage',
      'd.sealed',
      'd.product',
      'd.closer_id',
      'closer.display_name as closer_name',
      'd.reason',
      'd.signed_at',
      'd.credit',
      'd.credit_fixed_at',
      'd.created_by',
      'creator.display_name as creator_name',
      'd.created_at',
      'd.updated_at',
    ])

export type DealRow = Awaited<ReturnType<ReturnType<typeof selectDeals>['executeTakeFirstOrThrow']>>

/** One deal of a customer who still exists; the caller's scope is the route's guard's to check. */
export async function findDeal(db: Kysely<DB>, id: string): Promise<DealRow | undefined> {
  return selectDeals(db).where('d.id', '=', id).executeTakeFirst()
}

/** One deal, locked until the transaction ends: two changes at once go one after the other. */
export async function lockDeal(trx: Kysely<DB>, id: string) {
  return trx
    .selectFrom('deals')
    .select(['id', 'stage', 'credit_fixed_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** The deals of customers in the caller's scope, most recently changed first. */
export async function listDeals(
  db: Kysely<DB>,
  clearance: Clearance,
  filter: { stage?: string; customerId?: string; limit: number },
): Promise<DealRow[]> {
  let query = selectDeals(db)
    .where(scopeCondition(clearance, 'c'))
    .where('c.status', 'not in', GONE_STATUSES)
  if (filter.stage) query = query.where('d.stage', '=', filter.stage)
  if (filter.customerId) query = query.where('d.customer_id', '=', filter.customerId)
  return query.orderBy('d.updated_at', 'desc').orderBy('d.id').limit(filter.limit).execute()
}

export type StageChangeRow = {
  deal_id: string
  from_stage: string | null
  to_stage: string
  reason: string | null
  changed_by: string
  changer_name: string
  changed_at: Date
}

/** The stage history of each of `dealIds`, oldest first. */
export async function stageHistories(
  db: Kysely<DB>,
  dealIds: readonly string[],
): Promise<Map<string, StageChangeRow[]>> {
  const out = new Map<string, StageChangeRow[]>()
  if (dealIds.length === 0) return out
  const rows = await db
    .selectFrom('deal_stage_changes as s')
    .innerJoin('accounts as a', 'a.id', 's.changed_by')
    .select([
      's.deal_id',
      's.from_stage',
      's.to_stage',
      's.reason',
      's.changed_by',
      'a.display_name as changer_name',
      's.changed_at',
    ])
    .where('s.deal_id', 'in', [...dealIds])
    .orderBy('s.id')
    .execute()
  for (const row of rows) out.set(row.deal_id, [...(out.get(row.deal_id) ?? []), row])
  return out
}

/** Whether an account is active, and in the department (when one is given). */
export async function isActiveStaff(
  db: Kysely<DB>,
  accountId: string,
  departmentId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('status', '=', 'active')
  if (departmentId) query = query.where('department_id', '=', departmentId)
  return (await query.executeTakeFirst()) !== undefined
}

/** The active staff of a department, by name: who may be named as a deal's closer. */
export async function departmentStaff(db: Kysely<DB>, departmentId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .orderBy('display_name')
    .execute()
}

/** Every stage a customer's deals reached, oldest first: the deal entries of the customer's timeline (CUS-6). */
export async function customerDealSteps(db: Kysely<DB>, customerId: string) {
  return db
    .selectFrom('deal_stage_changes as s')
    .innerJoin('deals as d', 'd.id', 's.deal_id')
    .innerJoin('deal_stages as st', 'st.code', 's.to_stage')
    .select([
      'd.id',
      's.to_stage as stage',
      'st.label_zh',
      'st.label_en',
      'd.product',
      's.changed_at',
    ])
    .where('d.customer_id', '=', customerId)
    .orderBy('s.id')
    .execute()
}
