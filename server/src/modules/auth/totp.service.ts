import { type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { Account } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import { matchTotpStep, newTotpSecret, totpSealContext, totpUri } from '../../security/totp.js'
import { setSessionStage } from '../sessions/index.js'

/** ACC-4 two-factor sign-in with TOTP (RFC 6238). Secrets are stored sealed. */

/** True when the code is valid and newer than any code used before; records its step. */
export async function checkTotpCode(
  deps: AppDeps,
  account: Account,
  code: string,
): Promise<boolean> {
  if (!account.totp_secret) return false
  const secret = deps.secrets.open(account.totp_secret, totpSealContext(account.id))
  const step = matchTotpStep(secret, code, deps.clock.now())
  if (step === null) return false
  // The conditional update makes the check and the "used" mark one atomic step.
  const result = await deps.db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', account.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function startTotpEnrolment(deps: AppDeps, principal: Principal) {
  const account = await deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  if (account.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED')
  const secret = newTotpSecret()
  await deps.db
    .updateTable('accounts')
    .set({
      totp_pending_secret: deps.secrets.seal(secret, totpSealContext(account.id)),
      updated_at: deps.clock.now(),
    })
    .where('id', '=', account.id)
    .execute()
  return { secret, otpauthUri: totpUri(secret, account.username) }
}

export async function confirmTotpEnrolment(
  deps: AppDeps,
  context: RequestContext,
  principal: Principal,
  code: string,
) {
  const now = deps.clock.now()
  const account = await deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  if (account.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED')
  if (!account.totp_pending_secret) throw new AppError('TOTP_NOT_PENDING')
  const secret = deps.secrets.open(account.totp_pending_secret, totpSealContext(account.id))
  const step = matchTotpStep(secret, code, now)
  if (step === null) throw new AppError('TOTP_INVALID')
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        totp_secret: account.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: now,
        totp_last_step: step,
        updated_at: now,
      })
      .where('id', '=', account.id)
      .execute()
    if (principal.via === 'session' && principal.stage === 'totp_enrolment') {
      await setSessionStage(trx, principal.sessionHash, 'full')
    }
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'auth.totp_enrolled',
      target: { type: 'account', id: account.id },
    })
  })
}
