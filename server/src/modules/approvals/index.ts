/**
 * The approvals module's face: what other modules and the composition root
 * may use. A module files a request with `requestApproval` and defines its
 * kind with `defineApprovalKind`; the list of kinds is the composition
 * root's (server/src/approval-kinds.ts).
 */
export {
  type ApplyContext,
  type ApprovalKind,
  type ApprovalSubject,
  defineApprovalKind,
} from './approval-kind.js'
export { approvalsRoutes, pendingApprovalSchema } from './approvals.routes.js'
export {
  type ApprovalKinds,
  approvalQueue,
  pendingApprovalFor,
  requestApproval,
  withdrawPendingApprovals,
} from './approvals.service.js'
