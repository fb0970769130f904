import type { AuditAction, AuditReason } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Call } from '../../platform/http/call.js'

/**
 * A holder's own credential step refused (a wrong current password, a
 * refused new one, a wrong set-up code): on the trail as a denial of that
 * step, against the account (AUD-1), like a failed sign-in.
 */
export async function recordOwnCredentialRefusal(
  call: Call,
  refusal: { action: AuditAction; reason: AuditReason },
): Promise<void> {
  const { deps, now, context, principal } = call
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: refusal.action,
    target: { type: 'account', id: principal.accountId },
    outcome: 'denied',
    reason: refusal.reason,
  })
}
