import { passwordResetApproval } from '../accounts/password-reset-approval.js'
import { roleGrantApproval } from '../accounts/role-grant-approval.js'
import { twoFactorResetApproval } from '../accounts/two-factor-reset-approval.js'
import { catalogueChangeApproval } from '../catalogue/catalogue-change-approval.js'
import { purposeChangeApproval } from '../purposes/purpose-change-approval.js'
import type { ApprovalKind } from './approval-kind.js'

/**
 * Every kind of second-person approval (ACC-5). To add one:
 *
 *   1. write `export const myApproval = defineApprovalKind({ kind: 'my_kind',
 *      decidePermission: '…', payload: z.strictObject({...}), apply, describe })`
 *      in your own module (see accounts/role-grant-approval.ts);
 *   2. add it to the list below;
 *   3. where the change is asked for, call `requestApproval(trx, now, context,
 *      actor, { kind: 'my_kind', subject: { type, id }, payload })` inside the
 *      transaction that would otherwise have made the change, and answer 202
 *      `{ id, status: 'pending_approval', approvalId }`;
 *   4. make sure the deciding roles hold `approvals.review` (the queue's
 *      routes) as well as your `decidePermission` (a migration inserts them
 *      into role_permissions).
 *
 * GET /api/v1/approvals lists the pending requests of the kinds the caller
 * may decide; POST /api/v1/approvals/{id}/approve and /reject decide one. The
 * module refuses a decision by the requester (and, for an account subject,
 * by that account), audits the request and the decision, and applies the
 * change in the same transaction as the approval. Destructions keep their own
 * approval (modules/destruction).
 */
export const APPROVAL_KINDS: readonly ApprovalKind<unknown>[] = [
  roleGrantApproval,
  twoFactorResetApproval,
  passwordResetApproval,
  catalogueChangeApproval,
  purposeChangeApproval,
]

export function approvalKind(kind: string): ApprovalKind<unknown> | undefined {
  return APPROVAL_KINDS.find((k) => k.kind === kind)
}
