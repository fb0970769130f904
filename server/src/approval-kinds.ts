import {
  type AccountTokens,
  passwordResetApproval,
  roleGrantApproval,
  twoFactorResetApproval,
} from './modules/accounts/index.js'
import type { ApprovalKinds } from './modules/approvals/index.js'
import { catalogueChangeApproval, type SealedStorage } from './modules/catalogue/index.js'
import { entryReviewOffApproval, moveSealedField } from './modules/customers/index.js'
import { plainExportApproval } from './modules/exports/index.js'
import { purposeChangeApproval } from './modules/purposes/index.js'
import { revokeAccountTokens } from './modules/tokens/index.js'

/** Steps a kind needs from a module above its own, handed in here (see modules.ts). */
const ACCOUNT_TOKENS: AccountTokens = { revokeAll: revokeAccountTokens }
export const SEALED_STORAGE: SealedStorage = { moveField: moveSealedField }

/**
 * Every kind of second-person approval (ACC-5). To add one:
 *
 *   1. write `export const myApproval = defineApprovalKind({ kind: 'my_kind',
 *      decidePermission: '…', payload: z.strictObject({...}), apply, describe })`
 *      in your own module (see accounts/role-grant-approval.ts);
 *   2. export it from your module's index.ts and add it to the list below
 *      (the list lives here, beside app.ts, because the approvals module must
 *      not import the modules that file requests with it);
 *   3. where the change is asked for, call `requestApproval(trx, call, {
 *      kind: myApproval, subject: { type, id }, payload })` inside the
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
export const APPROVAL_KINDS: ApprovalKinds = [
  roleGrantApproval(ACCOUNT_TOKENS),
  twoFactorResetApproval,
  passwordResetApproval(ACCOUNT_TOKENS),
  catalogueChangeApproval(SEALED_STORAGE),
  purposeChangeApproval,
  entryReviewOffApproval,
  plainExportApproval,
]
