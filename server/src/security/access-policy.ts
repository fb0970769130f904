import type { AuditReason } from '../audit/audit-actions.js'
import type { ErrorCode } from '../platform/errors.js'
import type { Principal } from '../platform/http/principal.js'
import type { RouteAccess } from '../platform/http/route-access.js'

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; code: ErrorCode; reason: AuditReason }

const ALLOW: AccessDecision = { allowed: true }

/**
 * The one answer to "may this caller use this route?" (ACC-1). Deny by
 * default: no principal, an unfinished sign-in, or a permission the caller's
 * roles (or token scopes) do not grant are all refused with a reason code.
 */
export function decideRouteAccess(
  principal: Principal | null,
  access: RouteAccess | undefined,
): AccessDecision {
  if (access === undefined)
    return { allowed: false, code: 'FORBIDDEN', reason: 'route_without_access' }
  if (access === 'public') return ALLOW
  if (!principal) return { allowed: false, code: 'UNAUTHENTICATED', reason: 'not_signed_in' }
  if (access === 'signed-in') return ALLOW
  if (principal.via === 'session' && principal.stage === 'password_change') {
    return { allowed: false, code: 'PASSWORD_CHANGE_REQUIRED', reason: 'password_change_pending' }
  }
  if (principal.via === 'session' && principal.stage === 'totp_enrolment') {
    return { allowed: false, code: 'TOTP_ENROLMENT_REQUIRED', reason: 'totp_enrolment_pending' }
  }
  if (!principal.permissions.has(access))
    return { allowed: false, code: 'FORBIDDEN', reason: `missing_permission:${access}` }
  return ALLOW
}
