import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { hashPassword, refusalOfNewPassword, verifyPassword } from '../../security/passwords.js'
import { setOwnPassword } from '../accounts/index.js'
import { endAccountSessions, setSessionStage } from '../sessions/index.js'
import { recordOwnCredentialRefusal } from './own-credential-refusal.js'
import { nextStageAfterPassword } from './sign-in.service.js'

/**
 * A signed-in account changes its own password (also the forced change after
 * a generated or expired one). Other sessions of the account end.
 */
export async function changeOwnPassword(
  call: Call,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { deps, context, principal, now } = call
  if (principal.via !== 'session') throw new AppError('FORBIDDEN')
  const account = await deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    await recordOwnCredentialRefusal(call, {
      action: 'auth.password_change_failed',
      reason: 'bad_current_password',
    })
    throw new AppError('CURRENT_PASSWORD_WRONG', { currentPassword: 'invalid' })
  }
  const refusal =
    input.newPassword === input.currentPassword
      ? 'passwordSame'
      : await refusalOfNewPassword(input.newPassword, {
          username: account.username,
          displayName: account.display_name,
        })
  if (refusal) {
    // A refused new password is on the trail like a wrong current one (AUD-1).
    await recordOwnCredentialRefusal(call, {
      action: 'auth.password_change_failed',
      reason: 'new_password_refused',
    })
    throw new AppError('VALIDATION_FAILED', { newPassword: refusal })
  }
  const passwordHash = await hashPassword(input.newPassword)
  const stage = nextStageAfterPassword(deps, account, principal.roles)
  await deps.db.transaction().execute(async (trx) => {
    await setOwnPassword(trx, account.id, { passwordHash, now })
    await setSessionStage(trx, principal.sessionHash, stage)
    await endAccountSessions(trx, account.id, principal.sessionHash)
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'auth.password_changed',
      target: { type: 'account', id: account.id },
    })
  })
}
