import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Call } from '../../platform/http/call.js'
import { endSession } from '../sessions/index.js'

/** Sign-out (ACC-4): the session ends (a token has none to end) and it is on the trail. */
export async function signOut(call: Call): Promise<void> {
  const { deps, context, principal, now } = call
  if (principal.via === 'session') await endSession(deps.db, principal.sessionHash)
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'auth.sign_out',
    target: { type: 'account', id: principal.accountId },
  })
}
