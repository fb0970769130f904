import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Account } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { matchTotpStep, newTotpSecret, totpSealContext, totpUri } from '../../security/totp.js'
import { enableTotp, markTotpStepUsed, setPendingTotpSecret } from '../accounts/index.js'
import { setSessionStage } from '../sessions/index.js'
import { recordOwnCredentialRefusal } from './own-credential-refusal.js'

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
  return markTotpStepUsed(deps.db, account.id, step)
}

export async function startTotpEnrolment(call: Call) {
  const { deps, principal, now } = call
  const account = await deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  if (account.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED')
  // The pending secret stays until it is confirmed: reloading the page shows
  // the same QR code, so a code from an authenticator set up a moment ago still works.
  if (account.totp_pending_secret) {
    const pending = deps.secrets.open(account.totp_pending_secret, totpSealContext(account.id))
    return { secret: pending, otpauthUri: totpUri(pending, account.username) }
  }
  const secret = newTotpSecret()
  await setPendingTotpSecret(deps.db, account.id, {
    sealedSecret: deps.secrets.seal(secret, totpSealContext(account.id)),
    now,
  })
  return { secret, otpauthUri: totpUri(secret, account.username) }
}

export async function confirmTotpEnrolment(call: Call, code: string) {
  const { deps, context, principal, now } = call
  const account = await deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  if (account.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED')
  const pending = account.totp_pending_secret
  if (!pending) throw new AppError('TOTP_NOT_PENDING')
  const secret = deps.secrets.open(pending, totpSealContext(account.id))
  const step = matchTotpStep(secret, code, now)
  if (step === null) {
    await recordOwnCredentialRefusal(call, {
      action: 'auth.totp_enrolment_failed',
      reason: 'bad_totp',
    })
    throw new AppError('TOTP_INVALID')
  }
  await deps.db.transaction().execute(async (trx) => {
    await enableTotp(trx, account.id, { sealedSecret: pending, step, now })
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
