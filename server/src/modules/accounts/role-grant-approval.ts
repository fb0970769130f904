import { z } from 'zod'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import { ROLES, roleSetViolation } from '../../security/roles.js'
import { defineApprovalKind } from '../approvals/approval-kind.js'
import { endAccountSessions } from '../auth/sessions.service.js'
import * as repo from './accounts.repository.js'

export const ROLE_GRANT = 'role_grant'

const roleList = z.array(z.enum(ROLES)).max(ROLES.length)

/**
 * ACC-5: a role that reads customer data or the audit trail (or authorises
 * such grants) is held only once a 安全管理员 approves it. The payload is the
 * account and its roles before and after; nothing else.
 */
export const roleGrantApproval = defineApprovalKind({
  kind: ROLE_GRANT,
  decidePermission: 'role-grants.approve',
  payload: z.strictObject({ accountId: z.uuid(), from: roleList, to: roleList.min(1) }),
  async apply({ trx, now, context, decider, approval }, payload) {
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
    // ACC-4: a change of roles ends the account's sessions at once.
    await endAccountSessions(trx, payload.accountId)
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
