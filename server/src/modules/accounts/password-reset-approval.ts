import { z } from 'zod'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import { ROLES } from '../../security/roles.js'
import { defineApprovalKind } from '../approvals/index.js'
import * as repo from './accounts.repository.js'
import { type AccountTokens, reissueSplitCredentials } from './split-credentials.js'
import { mayDecideTwoFactorReset } from './two-factor-reset-approval.js'

export const PASSWORD_RESET = 'password_reset'

/**
 * ACC-4 / ACC-5: the password reset of an account that reads customer data
 * or the audit trail, or authorises access (or is waiting for such a grant),
 * takes effect only once a second person approves it, and neither of them
 * learns the whole new password: the requester was shown its first part,
 * the approver is shown the second (split-credentials.ts). Until then the
 * old password keeps working. Decided like a two-factor reset (a 安全管理员;
 * for a 安全管理员's own, also a 合规负责人), with the same permission. The
 * two-factor enrolment stays, as a password reset must leave it. The payload
 * is the account, its roles as the requester saw them, and the sealed first
 * part: nothing else.
 */
const passwordResetPayload = z.strictObject({
  accountId: z.uuid(),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
  sealedFirstPart: z.string().max(4096).optional(),
})

/** What filing a reset needs (accounts.service.ts): the kind's name and payload. */
export const passwordResetRequest = { kind: PASSWORD_RESET, payload: passwordResetPayload }

/** The kind, given what revokes an account's API tokens (the tokens module's). */
export const passwordResetApproval = (tokens: AccountTokens) =>
  defineApprovalKind({
    kind: PASSWORD_RESET,
    decidePermission: 'two-factor-resets.approve',
    payload: passwordResetPayload,
    mayDecide: (decider, payload) => mayDecideTwoFactorReset(decider, payload.roles),
    async apply({ trx, call, approval, secrets }, payload) {
      const { now, context, principal: decider } = call
      const account = await trx
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', payload.accountId)
        .forUpdate()
        .executeTakeFirst()
      if (!account) throw new AppError('ACCOUNT_NOT_FOUND')
      const secondPart = await reissueSplitCredentials(trx, secrets, {
        now,
        tokens,
        accountId: payload.accountId,
        kind: PASSWORD_RESET,
        sealedFirstPart: payload.sealedFirstPart,
        clearTwoFactor: false,
      })
      await recordAuditEvent(trx, now, context, {
        actor: decider.actor,
        action: 'account.credentials_reissued',
        target: { type: 'account', id: payload.accountId },
        // The credential_reset alert was raised by the request (account.password_reset).
        details: {
          approval: approval.id,
          requestedBy: approval.requestedBy,
          cause: PASSWORD_RESET,
          twoFactorCleared: false,
        },
      })
      return { oneTimePasswordSecondPart: secondPart }
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
