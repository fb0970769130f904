import type { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import type { meSchema } from '../accounts/accounts.schemas.js'
import { getAccount } from '../accounts/accounts.service.js'
import { lookupSession } from './sessions.service.js'

/** The account as its owner sees it, with permissions and what it must do next. */
export async function describeMe(
  deps: AppDeps,
  from: { principal: Principal } | { cookie: string },
): Promise<z.infer<typeof meSchema>> {
  let principal: Principal
  if ('principal' in from) {
    // Re-read: the request may just have changed the stage (password, two-factor).
    principal =
      from.principal.via === 'session' ? await reload(deps, from.principal) : from.principal
  } else {
    const found = await lookupSession(deps, from.cookie)
    if (!('principal' in found)) throw new AppError('UNAUTHENTICATED')
    principal = found.principal
  }
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
  }
}

async function reload(
  deps: AppDeps,
  principal: Principal & { via: 'session' },
): Promise<Principal> {
  const row = await deps.db
    .selectFrom('sessions')
    .select('stage')
    .where('id_hash', '=', principal.sessionHash)
    .executeTakeFirst()
  return row ? { ...principal, stage: row.stage } : principal
}
