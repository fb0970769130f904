import type { Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import {
  clearanceOf,
  scopeCondition,
  scopeReach,
  UNREVIEWED_STATUSES,
} from '../../security/customer-policy.js'
import { defineApprovalKind, requestApproval } from '../approvals/index.js'
import {
  type ReviewRule,
  type SetReviewRuleInput,
  setReviewRuleSchema,
} from './attribution.schemas.js'
import { customerInScope } from './customer-guard.js'
import { openCustomer } from './customer-key.js'
import { refuseRegisteredElsewhere } from './duplicate-check.js'

/*
 * Entry and review (CUS-4; S2 客户信息处理流程 1-3): a record is entered as
 * a draft, submitted, and becomes active only when a reviewer who did not
 * enter it approves it; a rejection carries a reason (sealed under the
 * customer's key: it may quote the record) and returns the record to its
 * creator, who corrects and resubmits. Whether a new record needs review at
 * all is a rule by department and source channel (a bank branch reviews
 * every record; a hotel front desk may not).
 */

export type ReviewRequirement = (record: {
  departmentId: string | null
  source: string | null
}) => boolean

/**
 * Does a new record of a department and a source need review? The most
 * specific rule decides: department and source, then department, then
 * source, then the company-wide rule; with none, it does (deny by default).
 */
export async function reviewRequirement(db: Database): Promise<ReviewRequirement> {
  const rules = await db.selectFrom('entry_review_rules').selectAll().execute()
  const score = (rule: (typeof rules)[number]) =>
    (rule.department_id !== null ? 2 : 0) + (rule.source !== null ? 1 : 0)
  return (record) => {
    const applicable = rules
      .filter(
        (rule) =>
          (rule.department_id === null || rule.department_id === record.departmentId) &&
          (rule.source === null || rule.source === record.source),
      )
      .sort((a, b) => score(b) - score(a))
    return applicable[0]?.required ?? true
  }
}

export async function listReviewRules(db: Database): Promise<ReviewRule[]> {
  const rows = await db
    .selectFrom('entry_review_rules')
    .select(['department_id', 'source', 'required'])
    .orderBy('department_id', (ob) => ob.nullsFirst())
    .orderBy('source', (ob) => ob.nullsFirst())
    .execute()
  return rows.map((r) => ({
    departmentId: r.department_id,
    source: r.source,
    required: r.required,
  }))
}

/**
 * PUT /customers/review-rules: the rule for a department and a source
 * (either may be null: any). Switching review on takes effect at once;
 * switching it off lowers a protection and so waits for a second person
 * (ACC-5, the `entry_review_off` approval kind).
 */
export async function setReviewRule(
  call: Call,
  input: SetReviewRuleInput,
): Promise<{ status: 'applied' } | { status: 'pending_approval'; approvalId: string }> {
  if (input.departmentId !== null) {
    const department = await call.deps.db
      .selectFrom('departments')
      .select('id')
      .where('id', '=', input.departmentId)
      .executeTakeFirst()
    if (!department) throw new AppError('DEPARTMENT_NOT_FOUND')
  }
  return call.deps.db.transaction().execute(async (trx) => {
    if (input.required) {
      await writeReviewRule(trx, call, input)
      return { status: 'applied' as const }
    }
    const approvalId = await requestApproval(trx, call, {
      kind: entryReviewOffApproval,
      subject: { type: 'entry_review_rule', id: input.departmentId ?? 'company' },
      payload: input,
    })
    return { status: 'pending_approval' as const, approvalId }
  })
}

/** ACC-5: a new record may skip review only once a second person agrees. */
export const entryReviewOffApproval = defineApprovalKind({
  kind: 'entry_review_off',
  decidePermission: 'classification.approve',
  payload: setReviewRuleSchema,
  async apply({ trx, call }, payload) {
    await writeReviewRule(trx, call, payload)
  },
  async describe(db, payload) {
    const department = payload.departmentId
      ? await db
          .selectFrom('departments')
          .select('name')
          .where('id', '=', payload.departmentId)
          .executeTakeFirst()
      : undefined
    return { department: department?.name ?? null, source: payload.source }
  },
})

async function writeReviewRule(
  trx: Transaction<DB>,
  call: Call,
  input: SetReviewRuleInput,
): Promise<void> {
  const { now } = call
  await trx
    .deleteFrom('entry_review_rules')
    .where((eb) =>
      input.departmentId === null
        ? eb('department_id', 'is', null)
        : eb('department_id', '=', input.departmentId),
    )
    .where((eb) =>
      input.source === null ? eb('source', 'is', null) : eb('source', '=', input.source),
    )
    .execute()
  await trx
    .insertInto('entry_review_rules')
    .values({
      department_id: input.departmentId,
      source: input.source,
      required: input.required,
      changed_by: call.principal.accountId,
      changed_at: now,
    })
    .execute()
  await recordAuditEvent(trx, now, call.context, {
    actor: call.principal.actor,
    action: 'customer.review_rule_changed',
    details: { departmentId: input.departmentId, source: input.source, required: input.required },
  })
}

/** POST /customers/{id}/submit: a draft (or a rejected record, corrected) goes to the reviewers. */
export async function submitCustomer(call: Call, id: string): Promise<void> {
  const { deps, now } = call
  const customer = await customerInScope(call, id, 'customer.submitted')
  if (customer.status !== 'draft' && customer.status !== 'rejected') {
    throw new AppError('CUSTOMER_NOT_DRAFT')
  }
  // Values corrected since entry are checked again: the first registration still wins.
  const tokens = await deps.db
    .selectFrom('customer_search_tokens')
    .select(['field', 'token'])
    .where('customer_id', '=', id)
    .execute()
  await refuseRegisteredElsewhere(call, [
    { tokens, ownerId: customer.owner_id ?? call.principal.accountId, exceptId: id },
  ])
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('customers')
      .set({ status: 'submitted', updated_at: now })
      .where('id', '=', id)
      .execute()
    await trx
      .insertInto('customer_reviews')
      .values({ customer_id: id, event: 'submitted', by: call.principal.accountId, at: now })
      .execute()
    await recordAuditEvent(trx, now, call.context, {
      actor: call.principal.actor,
      action: 'customer.submitted',
      target: { type: 'customer', id },
    })
  })
}

/**
 * POST /customers/{id}/approve and /reject: a reviewer's decision on a
 * submitted record. The person who entered it may not decide it; the
 * refusal is audited.
 */
export async function decideReview(
  call: Call,
  id: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<void> {
  const { deps, now } = call
  const action = decision.approve ? 'customer.approved' : 'customer.rejected'
  const customer = await customerInScope(call, id, action)
  if (customer.status !== 'submitted') throw new AppError('CUSTOMER_NOT_SUBMITTED')
  if (customer.created_by === call.principal.accountId) {
    await recordAuditEvent(deps.db, now, call.context, {
      actor: call.principal.actor,
      action,
      target: { type: 'customer', id },
      outcome: 'denied',
      reason: 'own_record',
    })
    throw new AppError('CUSTOMER_OWN_ENTRY')
  }
  const sealedReason = decision.approve
    ? null
    : deps.vault.seal((await openCustomer(deps, id, false)).key, 'review.reason', decision.reason)
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('customers')
      .set({ status: decision.approve ? 'active' : 'rejected', updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'submitted')
      .execute()
    await trx
      .insertInto('customer_reviews')
      .values({
        customer_id: id,
        event: decision.approve ? 'approved' : 'rejected',
        by: call.principal.accountId,
        at: now,
        sealed_reason: sealedReason,
      })
      .execute()
    await recordAuditEvent(trx, now, call.context, {
      actor: call.principal.actor,
      action,
      target: { type: 'customer', id },
    })
  })
}

/** GET /customers/review-counts: the entries in the caller's reach waiting on someone. */
export async function reviewCounts(
  call: Call,
): Promise<{ draft: number; submitted: number; rejected: number }> {
  const counts = { draft: 0, submitted: 0, rejected: 0 }
  const clearance = clearanceOf(call.principal)
  if (scopeReach(clearance) === 'none') return counts
  const rows = await call.deps.db
    .selectFrom('customers as c')
    .select(['c.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('c.status', 'in', [...UNREVIEWED_STATUSES])
    .where(scopeCondition(clearance, 'c'))
    .groupBy('c.status')
    .execute()
  for (const row of rows) counts[row.status as keyof typeof counts] = Number(row.n)
  return counts
}
