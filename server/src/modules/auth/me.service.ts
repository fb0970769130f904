import type { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import { getAccount, type meSchema } from '../accounts/index.js'

/** The account as its owner sees it, with permissions and what it must do next. */
export async function describeMe(
  deps: AppDeps,
  principal: Principal,
): Promise<z.infer<typeof meSchema>> {
  // A background job's principal never calls a route; nothing else but a request asks who it is.
  if (principal.via === 'job') throw new AppError('FORBIDDEN')
  const account = await getAccount(deps, principal.accountId)
  const stage = principal.via === 'session' ? principal.stage : 'full'
  return {
    ...account,
    permissions: [...principal.permissions].sort(),
    pendingAction:
      stage === 'password_change'
        ? 'change_password'
        : stage === 'totp_enrolment'
          ? 'enrol_totp'
          : null,
    authenticatedBy: principal.via,
    dataAccess: {
      viewMaxLevel: principal.data.viewMaxLevel,
      revealMaxLevel: principal.data.revealMaxLevel,
    },
    timeZone: deps.config.timeZone,
  }
}

/** The principal with its session's stage as stored now (after a step that moves it on). */
export async function withCurrentStage(deps: AppDeps, principal: Principal): Promise<Principal> {
  if (principal.via !== 'session') return principal
  const row = await deps.db
    .selectFrom('sessions')
    .select('stage')
    .where('id_hash', '=', principal.sessionHash)
    .executeTakeFirst()
  return row ? { ...principal, stage: row.stage } : principal
}
