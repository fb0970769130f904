import type { AuditAction, AuditReason } from '../../audit/audit-actions.js'
import { type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { Principal } from '../../platform/http/principal.js'

/**
 * A holder's own credential step refused (a wrong current password, a
 * refused new one, a wrong set-up code): on the trail as a denial of that
 * step, against the account (AUD-1), like a failed sign-in.
 */
export async function recordOwnCredentialRefusal(
  db: Database,
  now: Date,
  context: RequestContext,
  principal: Principal,
  refusal: { action: AuditAction; reason: AuditReason },
): Promise<void> {
  await recordAuditEvent(db, now, context, {
    actor: principal.actor,
    action: refusal.action,
    target: { type: 'account', id: principal.accountId },
    outcome: 'denied',
    reason: refusal.reason,
  })
}
