import { z } from 'zod'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import { ROLES, type Role } from '../../security/roles.js'
import { defineApprovalKind } from '../approvals/index.js'
import { endAccountSessions } from '../sessions/index.js'
import * as repo from './accounts.repository.js'

export const TOTP_RESET = 'totp_reset'

/**
 * Who may decide the two-factor reset of an account holding `roles`, besides
 * the module's own rule (never the requester, never the account itself): a
 * 安全管理员, who authorises access; for a 安全管理员's own reset also a
 * 合规负责人, so that an installation with a single security administrator
 * can still recover a lost authenticator without the system administrator
 * deciding alone.
 */
export function mayDecideTwoFactorReset(decider: Principal, roles: readonly Role[]): boolean {
  if (decider.roles.includes('secadmin')) return true
  return decider.roles.includes('compliance') && roles.includes('secadmin')
}

/**
 * ACC-4 / ACC-5: removing the two-factor enrolment of an account that reads
 * customer data or the audit trail, or authorises access, is the second half
 * of a takeover (a password reset is the first, and leaves the enrolment in
 * place), so it takes effect only once a second person approves it. The
 * payload is the account, its roles and when it enrolled, as the requester
 * saw them: nothing else.
 */
export const twoFactorResetApproval = defineApprovalKind({
  kind: TOTP_RESET,
  decidePermission: 'two-factor-resets.approve',
  payload: z.strictObject({
    accountId: z.uuid(),
    roles: z.array(z.enum(ROLES)).max(ROLES.length),
    enrolledAt: z.iso.datetime().nullable(),
  }),
  mayDecide: (decider, payload) => mayDecideTwoFactorReset(decider, payload.roles),
  async apply({ trx, call, approval }, payload) {
    const { now, context, principal: decider } = call
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'totp_enabled_at'])
      .where('id', '=', payload.accountId)
      .forUpdate()
      .executeTakeFirst()
    if (!account) throw new AppError('ACCOUNT_NOT_FOUND')
    // Enrolled again (or reset) since the request: approving would remove an enrolment nobody asked about.
    if ((account.totp_enabled_at?.toISOString() ?? null) !== payload.enrolledAt)
      throw new AppError('APPROVAL_STALE')
    await trx
      .updateTable('accounts')
      .set({
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        updated_at: now,
      })
      .where('id', '=', payload.accountId)
      .execute()
    await endAccountSessions(trx, payload.accountId)
    await recordAuditEvent(trx, now, context, {
      actor: decider.actor,
      action: 'account.totp_reset',
      target: { type: 'account', id: payload.accountId },
      // The credential_reset alert was raised by the request (account.totp_reset_requested).
      details: { approval: approval.id, requestedBy: approval.requestedBy, roles: payload.roles },
    })
  },
  async describe(db, payload) {
    const account = await repo.findAccountById(db, payload.accountId)
    return {
      accountId: payload.accountId,
      username: account?.username ?? null,
      displayName: account?.display_name ?? null,
      roles: payload.roles,
    }
  },
})
