import type { Selectable } from 'kysely'
import type { Database } from '../../db/database.js'
import type { RetentionPolicyTable, RetentionReviewTable } from '../../db/schema.js'
import { type Clearance, scopeCondition } from '../../security/customer-policy.js'
import type { NewPolicy, PolicyChange, ReviewStatus } from './retention.schemas.js'

/**
 * Every query of the retention module (RET-1), and the only writer of its
 * tables (db/table-owners.ts). No rule is decided here: what a caller may
 * see comes in as the policy's scope condition.
 */
export type PolicyRow = Selectable<RetentionPolicyTable>
export type ReviewRow = Selectable<RetentionReviewTable>

export function listPolicies(db: Database): Promise<PolicyRow[]> {
  return db.selectFrom('retention_policies').selectAll().orderBy('code').execute()
}

export function findPolicy(db: Database, code: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('retention_policies').selectAll().where('code', '=', code).executeTakeFirst()
}

/** A purpose a period may count from: one that rests on consent. */
export async function isConsentPurpose(db: Database, code: string): Promise<boolean> {
  const found = await db
    .selectFrom('purposes')
    .select('code')
    .where('code', '=', code)
    .where('legal_basis', '=', 'consent')
    .executeTakeFirst()
  return found !== undefined
}

/** Inserts the policy; false when its code is taken. */
export async function insertPolicy(db: Database, input: NewPolicy): Promise<boolean> {
  const inserted = await db
    .insertInto('retention_policies')
    .values({
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      basis: input.basis,
      applies_to: input.appliesTo,
      measured_from: input.measuredFrom,
      purpose: input.purpose,
      period_days: input.periodDays,
    })
    .onConflict((c) => c.doNothing())
    .returning('code')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Applies the change; false when there is no such policy. */
export async function updatePolicy(
  db: Database,
  code: string,
  change: PolicyChange,
): Promise<boolean> {
  const result = await db
    .updateTable('retention_policies')
    .set({
      ...(change.periodDays !== undefined && { period_days: change.periodDays }),
      ...(change.active !== undefined && { active: change.active }),
    })
    .where('code', '=', code)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** The queue as far as the caller's scope reaches, filtered by the database (ACC-1). */
export function listReviews(
  db: Database,
  clearance: Clearance,
  status: ReviewStatus,
): Promise<ReviewRow[]> {
  return db
    .selectFrom('retention_reviews as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .selectAll('r')
    .where(scopeCondition(clearance, 'c'))
    .where('r.status', '=', status)
    .orderBy('r.expired_at')
    .limit(500)
    .execute()
}

/** Decides an open review; undefined when it is not open (decided, or not there). */
export function decideOpenReview(
  db: Database,
  id: string,
  decision: { status: 'kept'; by: string; at: Date },
): Promise<Pick<ReviewRow, 'customer_id' | 'policy'> | undefined> {
  return db
    .updateTable('retention_reviews')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(['customer_id', 'policy'])
    .executeTakeFirst()
}

/** A destruction requested for the customer answers every open review of it. */
export async function handOverOpenReviews(
  db: Database,
  customerId: string,
  decision: { by: string; at: Date },
): Promise<void> {
  const { by, at } = decision
  await db
    .updateTable('retention_reviews')
    .set({ status: 'destruction_requested', decided_by: by, decided_at: at })
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .execute()
}
