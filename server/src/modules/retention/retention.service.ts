import { recordAuditEvent } from '../../audit/audit-log.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { presentPolicy, presentReview } from './retention.presenter.js'
import * as repo from './retention.repository.js'
import type {
  NewPolicy,
  PolicyChange,
  PolicyView,
  ReviewStatus,
  ReviewView,
} from './retention.schemas.js'

/**
 * Retention periods and the review queue (RET-1): the rules, each change in
 * one transaction with its audit event. SQL is in the repository, who may
 * see which customer in the customer-data policy, shapes in the presenter.
 */
export async function listPolicies(deps: AppDeps): Promise<PolicyView[]> {
  return (await repo.listPolicies(deps.db)).map(presentPolicy)
}

/** A new period; counted from a consent's withdrawal, its purpose must rest on consent. */
export async function addPolicy(call: Call, input: NewPolicy): Promise<PolicyView> {
  const { deps, now } = call
  await deps.db.transaction().execute(async (trx) => {
    if (input.purpose && !(await repo.isConsentPurpose(trx, input.purpose)))
      throw new AppError('VALIDATION_FAILED', { purpose: 'notAllowed' })
    if (!(await repo.insertPolicy(trx, input)))
      throw new AppError('VALIDATION_FAILED', { code: 'notAllowed' })
    await recordAuditEvent(trx, now, call.context, {
      actor: call.principal.actor,
      action: 'retention.policy_added',
      target: { type: 'retention_policy', id: input.code },
    })
  })
  return policyNamed(deps, input.code)
}

export async function changePolicy(
  call: Call,
  code: string,
  change: PolicyChange,
): Promise<PolicyView> {
  const { deps, now } = call
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updatePolicy(trx, code, change))) throw new AppError('NOT_FOUND')
    await recordAuditEvent(trx, now, call.context, {
      actor: call.principal.actor,
      action: 'retention.policy_changed',
      target: { type: 'retention_policy', id: code },
      fields: Object.keys(change),
    })
  })
  return policyNamed(deps, code)
}

/** The queue: only customers in the caller's scope (ACC-1). */
export async function listReviews(call: Call, status: ReviewStatus): Promise<ReviewView[]> {
  return (await repo.listReviews(call.deps.db, clearanceOf(call.principal), status)).map(
    presentReview,
  )
}

/**
 * The relationship or a legal duty goes on: the review closes, and the
 * customer is flagged again a period later (flag-expired.ts). The route's
 * customer scope was checked by the customer guard before this runs.
 */
export async function keepCustomer(call: Call, reviewId: string): Promise<void> {
  const { deps, now, principal } = call
  await deps.db.transaction().execute(async (trx) => {
    const review = await repo.decideOpenReview(trx, reviewId, {
      status: 'kept',
      by: principal.accountId,
      at: now,
    })
    if (!review) throw new AppError('NOT_FOUND')
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'retention.kept',
      target: { type: 'customer', id: review.customer_id },
      details: { reviewId, policy: review.policy },
    })
  })
}

async function policyNamed(deps: AppDeps, code: string): Promise<PolicyView> {
  const row = await repo.findPolicy(deps.db, code)
  if (!row) throw new AppError('NOT_FOUND')
  return presentPolicy(row)
}
