import type { AuditReason } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Account, SessionStage } from '../../db/schema.js'
import { DAY, MINUTE } from '../../platform/clock.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { countHit } from '../../platform/rate-limit.js'
import { loadAccountGrants } from '../../security/account-grants.js'
import { verifyAgainstDecoy, verifyPassword } from '../../security/passwords.js'
import { PRIVILEGED_ROLES, type Role } from '../../security/roles.js'
import { type Admission, admitAttempt, clearFailures, releaseAttempt } from '../accounts/index.js'
import { createSession } from '../sessions/index.js'
import { checkTotpCode } from './totp.service.js'

export type SignInInput = { username: string; password: string; totp?: string | undefined }

/**
 * ACC-4 sign-in: rate limit per source address, lockout after repeated
 * failures, TOTP when enrolled, then a session whose stage says what the
 * account must do before it may touch anything else.
 */
export async function signIn(call: Call<null>, input: SignInInput) {
  const { deps, context, now } = call
  const { db, config } = deps
  const hits = await countHit(db, `sign-in:${context.sourceIp ?? 'unknown'}`, now, MINUTE)
  if (hits > config.signInRateLimit) {
    await audit(call, null, { outcome: 'denied', reason: 'rate_limited' })
    throw new AppError('RATE_LIMITED')
  }

  const account = await db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', input.username.toLowerCase())
    .executeTakeFirst()
  if (!account) {
    await verifyAgainstDecoy(input.password)
    await audit(call, null, { outcome: 'denied', reason: 'unknown_account' })
    throw new AppError('INVALID_CREDENTIALS')
  }
  // Counted before it is checked, atomically per account (accounts/account-lockout.ts). A
  // locked account answers exactly like a wrong password or an unknown
  // name, after the same hashing work, so no answer tells them apart; the
  // owner learns of the lock from an administrator (alert, accounts list).
  const admission = await admitAttempt(db, account.id, { now, policy: config.lockout })
  if (!admission.admitted) {
    await verifyAgainstDecoy(input.password)
    await audit(call, account, { outcome: 'denied', reason: 'locked' })
    throw new AppError('INVALID_CREDENTIALS')
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    await recordFailure(call, account, { reason: 'bad_password', admission })
    throw new AppError('INVALID_CREDENTIALS')
  }
  if (account.status !== 'active') {
    await releaseAttempt(db, account.id, config.lockout)
    await audit(call, account, { outcome: 'denied', reason: 'disabled' })
    throw new AppError('ACCOUNT_DISABLED')
  }
  if (account.totp_secret) {
    if (!input.totp) {
      // The right password, the code still to come: this attempt proved nothing yet.
      await releaseAttempt(db, account.id, config.lockout)
      throw new AppError('TOTP_REQUIRED')
    }
    if (!(await checkTotpCode(deps, account, input.totp))) {
      await recordFailure(call, account, { reason: 'bad_totp', admission })
      throw new AppError('TOTP_INVALID')
    }
  }

  const { roles } = await loadAccountGrants(db, account.id)
  const stage = stageAfterSignIn(deps, account, { roles, now })
  await clearFailures(db, account.id)
  const token = await createSession(deps, {
    accountId: account.id,
    stage,
    sourceIp: context.sourceIp,
    userAgent: context.userAgent,
  })
  await audit(call, account, { outcome: 'allowed', reason: null, details: { stage } })
  return { token, accountId: account.id }
}

/** What a freshly signed-in account must do first, if anything. */
export function stageAfterSignIn(
  deps: AppDeps,
  account: Account,
  at: { roles: Role[]; now: Date },
): SessionStage {
  const { roles, now } = at
  const privileged = roles.some((role) => PRIVILEGED_ROLES.includes(role))
  const passwordAge = now.getTime() - account.password_changed_at.getTime()
  if (
    account.must_change_password ||
    (privileged && passwordAge > deps.config.passwordMaxAgeDays * DAY)
  ) {
    return 'password_change'
  }
  return nextStageAfterPassword(deps, account, roles)
}

export function nextStageAfterPassword(
  deps: AppDeps,
  account: Account,
  roles: Role[],
): SessionStage {
  const totpRequired = roles.some((role) => deps.config.mfaRequiredRoles.includes(role))
  return totpRequired && !account.totp_secret ? 'totp_enrolment' : 'full'
}

/** The admitted attempt failed: it stays counted; if it was the one that reached the limit, the lock stands. */
async function recordFailure(
  call: Call<null>,
  account: Account,
  failure: { reason: AuditReason; admission: Extract<Admission, { admitted: true }> },
) {
  const { deps, context, now } = call
  const { reason, admission } = failure
  await audit(call, account, {
    outcome: 'denied',
    reason,
    details: { failedAttempts: admission.failures },
  })
  if (admission.lockedNow) {
    await recordAuditEvent(deps.db, now, context, {
      actor: { type: 'system', name: 'sign-in' },
      action: 'account.locked',
      target: { type: 'account', id: account.id },
      details: { minutes: deps.config.lockout.minutes },
    })
  }
}

function audit(
  call: Call<null>,
  account: Account | null,
  attempt: {
    outcome: 'allowed' | 'denied'
    reason: AuditReason | null
    details?: Record<string, string | number>
  },
) {
  const { outcome, reason, details } = attempt
  return recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: account
      ? { type: 'account', id: account.id, name: account.username }
      : { type: 'anonymous' },
    action: outcome === 'allowed' ? 'auth.sign_in' : 'auth.sign_in_failed',
    ...(account ? { target: { type: 'account', id: account.id } } : {}),
    outcome,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
  })
}
