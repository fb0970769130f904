/**
 * The accounts module's face: what other modules and the composition root
 * may use. Everything else in this folder is its own business.
 */
export {
  type Admission,
  admitAttempt,
  clearFailures,
  type LockoutPolicy,
  releaseAttempt,
} from './account-lockout.js'
export {
  countAccounts,
  displayNamesOf,
  enableTotp,
  findAccountByUsername,
  markTotpStepUsed,
  setOwnPassword,
  setPendingTotpSecret,
} from './accounts.repository.js'
export { accountsRoutes } from './accounts.routes.js'
export { meSchema } from './accounts.schemas.js'
export { createAccount, getAccount, listAccounts, setAccountStatus } from './accounts.service.js'
export { passwordResetApproval } from './password-reset-approval.js'
export { roleGrantApproval } from './role-grant-approval.js'
export type { AccountTokens } from './split-credentials.js'
export { twoFactorResetApproval } from './two-factor-reset-approval.js'
