import type { Account } from '../../db/schema.js'
import type { Role } from '../../security/roles.js'
import type { AccountView } from './accounts.schemas.js'

export type AccountWithRelations = Account & {
  roles: Role[]
  department_name: string | null
  pending_role_grant: { approvalId: string; roles: Role[]; requestedAt: string } | null
  pending_two_factor_reset: { approvalId: string; requestedAt: string } | null
  pending_password_reset: { approvalId: string; requestedAt: string } | null
}

/** The one shape an account leaves the server in: no hashes, no secrets. */
export function presentAccount(row: AccountWithRelations): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    status: row.status,
    roles: row.roles,
    department: row.department_id
      ? { id: row.department_id, name: row.department_name ?? '' }
      : null,
    twoFactorEnabled: row.totp_secret !== null,
    mustChangePassword: row.must_change_password,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    passwordChangedAt: row.password_changed_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    pendingRoleGrant: row.pending_role_grant
      ? {
          approvalId: row.pending_role_grant.approvalId,
          roles: row.pending_role_grant.roles,
          requestedAt: new Date(row.pending_role_grant.requestedAt).toISOString(),
        }
      : null,
    pendingTwoFactorReset: row.pending_two_factor_reset
      ? {
          approvalId: row.pending_two_factor_reset.approvalId,
          requestedAt: new Date(row.pending_two_factor_reset.requestedAt).toISOString(),
        }
      : null,
    pendingPasswordReset: row.pending_password_reset
      ? {
          approvalId: row.pending_password_reset.approvalId,
          requestedAt: new Date(row.pending_password_reset.requestedAt).toISOString(),
        }
      : null,
  }
}
