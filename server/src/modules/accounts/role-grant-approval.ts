import { z } from 'zod'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import { loadAccountGrants } from '../../security/account-grants.js'
import { ROLES, roleSetViolation } from '../../security/roles.js'
import { defineApprovalKind } from '../approvals/index.js'
import * as repo from './accounts.repository.js'
import { type AccountTokens, reissueSplitCredentials } from './split-credentials.js'

export const ROLE_GRANT = 'role_grant'

const roleList = z.array(z.enum(ROLES)).max(ROLES.length)

/** The permission that files role grants: the requester must still hold it when the grant is approved. */
const FILES_GRANTS = 'accounts.manage'

/**
 * ACC-5: a role that reads customer data or the audit trail (or authorises
 * such grants) is held only once a 安全管理员 approves it. The payload is the
 * account, its roles before and after, and the requester's part of the
 * account's new one-time password, sealed: every grant adds protected access
 * (ROLES_GRANTED_BY_APPROVAL), so every approved grant re-issues the
 * account's credentials as split knowledge (split-credentials.ts) — the
 * password and two-factor enrolment anyone set before (possibly the
 * requester, signed in as the account) stop working.
 */
const roleGrantPayload = z.strictObject({
  accountId: z.uuid(),
  from: roleList,
  to: roleList.min(1),
  sealedFirstPart: z.string().max(4096).optional(),
})

/** What filing a grant needs (accounts.service.ts): the kind's name and payload. */
export const roleGrantRequest = { kind: ROLE_GRANT, payload: roleGrantPayload }

/** The kind, given what revokes an account's API tokens (the tokens module's). */
export const roleGrantApproval = (tokens: AccountTokens) =>
  defineApprovalKind({
    kind: ROLE_GRANT,
    decidePermission: 'role-grants.approve',
    payload: roleGrantPayload,
    async apply({ trx, call, approval, secrets }, payload) {
      const { now, context, principal: decider } = call
      // The requester must still be someone who may file grants (not disabled, not demoted since).
      const requester = await trx
        .selectFrom('accounts')
        .select('status')
        .where('id', '=', approval.requestedBy)
        .executeTakeFirst()
      if (
        requester?.status !== 'active' ||
        !(await loadAccountGrants(trx, approval.requestedBy)).permissions.has(FILES_GRANTS)
      )
        throw new AppError('APPROVAL_STALE')
      const account = await trx
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', payload.accountId)
        .forUpdate()
        .executeTakeFirst()
      if (!account) throw new AppError('ACCOUNT_NOT_FOUND')
      const current = await trx
        .selectFrom('account_roles')
        .select('role')
        .where('account_id', '=', payload.accountId)
        .execute()
      // Roles changed since the request: deciding on what the requester saw no longer holds.
      if (
        current
          .map((r) => r.role)
          .sort()
          .join() !== [...payload.from].sort().join()
      )
        throw new AppError('APPROVAL_STALE')
      if (roleSetViolation(payload.to)) throw new AppError('SEPARATION_OF_DUTIES')
      await repo.replaceRoles(trx, payload.accountId, payload.to)
      // Ends the account's sessions and tokens, as any change of roles must (ACC-4).
      const secondPart = await reissueSplitCredentials(trx, secrets, {
        now,
        tokens,
        accountId: payload.accountId,
        kind: ROLE_GRANT,
        sealedFirstPart: payload.sealedFirstPart,
        clearTwoFactor: true,
      })
      await recordAuditEvent(trx, now, context, {
        actor: decider.actor,
        action: 'account.roles_changed',
        target: { type: 'account', id: payload.accountId },
        fields: ['roles'],
        details: {
          from: payload.from,
          to: payload.to,
          approval: approval.id,
          requestedBy: approval.requestedBy,
        },
      })
      await recordAuditEvent(trx, now, context, {
        actor: decider.actor,
        action: 'account.credentials_reissued',
        target: { type: 'account', id: payload.accountId },
        details: {
          approval: approval.id,
          requestedBy: approval.requestedBy,
          cause: ROLE_GRANT,
          twoFactorCleared: true,
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
        from: payload.from,
        to: payload.to,
        added: payload.to.filter((role) => !payload.from.includes(role)),
      }
    },
  })
