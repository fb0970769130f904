/**
 * Role codes fixed by CONTRACT.md (ACC-1). Their names, in the policy's own
 * terms, and their grants are data: seeded by migrations (0001-foundation),
 * changed by migrations or administration.
 */
export const ROLES = [
  'sysadmin',
  'secadmin',
  'auditor',
  'compliance',
  'manager',
  'agent',
  'sales',
  'complaints',
] as const

export type Role = (typeof ROLES)[number]

/**
 * 三员分立 (ACC-1): system administration, security administration and audit
 * are never held by one account.
 */
export const SEPARATED_DUTIES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor']

/** The roles that work with customer records (ACC-1); none of them may sit with an administrator role. */
export const DATA_ROLES: readonly Role[] = ['compliance', 'manager', 'agent', 'sales', 'complaints']

/**
 * Granting one of these takes effect, through the API and the console, only
 * when a second authorised person (a 安全管理员) approves it (ACC-5): every
 * role that reads customer data or the audit trail, and `secadmin`, whose
 * holder authorises such grants (a sysadmin who could make one alone could
 * approve their own requests through it). Only `sysadmin` is granted at once.
 * server/src/security/roles.test.ts checks this list against the default grants.
 */
export const ROLES_GRANTED_BY_APPROVAL: readonly Role[] = [
  'secadmin',
  'auditor',
  'compliance',
  'manager',
  'agent',
  'sales',
  'complaints',
]

/** Why a set of roles cannot be held by one account, as a field-message key; null when it can. */
export type RoleSetViolation = 'separationOfDuties' | 'administratorWithDataRole'

/**
 * THE rule for which roles one account may hold (ACC-1, 三员分立), used by
 * every way an account is created or changed (API, console, command line,
 * first start, approvals): the three administrator roles exclude each other
 * and every data role.
 */
export function roleSetViolation(roles: readonly Role[]): RoleSetViolation | null {
  const administrative = roles.filter((role) => SEPARATED_DUTIES.includes(role))
  if (administrative.length > 1) return 'separationOfDuties'
  if (administrative.length === 1 && roles.some((role) => DATA_ROLES.includes(role)))
    return 'administratorWithDataRole'
  return null
}

/** Whether an account with these roles reads customer data or the audit trail, or authorises access. */
export function holdsProtectedAccess(roles: readonly Role[]): boolean {
  return roles.some((role) => ROLES_GRANTED_BY_APPROVAL.includes(role))
}

/** The roles of `to` that are not in `from` and may only be granted with a second person's approval. */
export function rolesNeedingApproval(from: readonly Role[], to: readonly Role[]): Role[] {
  return to.filter((role) => !from.includes(role) && ROLES_GRANTED_BY_APPROVAL.includes(role))
}

/** Privileged accounts: two-factor by default and forced password rotation (ACC-4, S0 篇二 6). */
export const PRIVILEGED_ROLES: readonly Role[] = SEPARATED_DUTIES
