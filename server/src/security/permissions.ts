import type { Role } from './roles.js'

/**
 * Every action a route can require. Routes declare one of these (or 'public' /
 * 'signed-in'); anything not granted is denied (ACC-1, deny by default).
 */
export const PERMISSIONS = [
  'accounts.read',
  'accounts.manage',
  'departments.manage',
  'settings.manage',
  'catalogue.manage',
  'purposes.manage',
  'keys.manage',
  'alert-rules.manage',
  'audit.read',
  'alerts.read',
  'alerts.manage',
  'reports.read',
  'customers.read',
  'customers.write',
  'customers.reveal',
  'customers.review',
  'interactions.manage',
  'complaints.manage',
  'consents.manage',
  'requests.manage',
  'retention.manage',
  'incidents.manage',
  'partners.manage',
  'approvals.decide',
  /** Open the queue of second-person approvals (modules/approvals); each kind also names who decides it. */
  'approvals.review',
  /** Approve a role grant that reads customer data or the audit trail (ACC-5; the 安全管理员). */
  'role-grants.approve',
  /** Approve a change that lowers a field's protection or widens a purpose (ACC-5; secadmin and compliance, each the other's). */
  'classification.approve',
  /** Approve the two-factor reset of an account that reads customer data or the audit trail, or authorises access (ACC-4, ACC-5; secadmin, and compliance for a secadmin's). */
  'two-factor-resets.approve',
  'tokens.own',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

type DataGrant = {
  recordScope: 'none' | 'own' | 'department' | 'all' | 'complaints'
  viewMaxLevel: number
  revealMaxLevel: number
}

/**
 * The default grants of ACC-1, seeded into the database by the first
 * migration (later permissions, such as alerts.manage, by the migration
 * that introduced them); from then on the grants are data (roles, role_permissions) and
 * change through migrations or administration, not by editing this file.
 */
export const DEFAULT_GRANTS: Record<Role, DataGrant & { permissions: Permission[] }> = {
  sysadmin: {
    recordScope: 'none',
    viewMaxLevel: 0,
    revealMaxLevel: 0,
    permissions: [
      'accounts.read',
      'accounts.manage',
      'departments.manage',
      'settings.manage',
      'tokens.own',
    ],
  },
  secadmin: {
    recordScope: 'none',
    viewMaxLevel: 0,
    revealMaxLevel: 0,
    permissions: [
      'catalogue.manage',
      'purposes.manage',
      'keys.manage',
      'alert-rules.manage',
      'tokens.own',
    ],
  },
  auditor: {
    recordScope: 'none',
    viewMaxLevel: 0,
    revealMaxLevel: 0,
    permissions: ['audit.read', 'alerts.read', 'reports.read', 'tokens.own'],
  },
  compliance: {
    recordScope: 'all',
    viewMaxLevel: 3,
    revealMaxLevel: 3,
    permissions: [
      'customers.read',
      'customers.reveal',
      'audit.read',
      'alerts.read',
      'reports.read',
      'consents.manage',
      'requests.manage',
      'retention.manage',
      'incidents.manage',
      'partners.manage',
      'catalogue.manage',
      'purposes.manage',
      'approvals.decide',
      'tokens.own',
    ],
  },
  manager: {
    recordScope: 'department',
    viewMaxLevel: 3,
    revealMaxLevel: 3,
    permissions: [
      'customers.read',
      'customers.write',
      'customers.reveal',
      'customers.review',
      'interactions.manage',
      'approvals.decide',
      'reports.read',
      'tokens.own',
    ],
  },
  agent: {
    recordScope: 'department',
    viewMaxLevel: 2,
    revealMaxLevel: 2,
    permissions: [
      'customers.read',
      'customers.write',
      'customers.reveal',
      'interactions.manage',
      'tokens.own',
    ],
  },
  sales: {
    recordScope: 'own',
    viewMaxLevel: 2,
    revealMaxLevel: 2,
    permissions: [
      'customers.read',
      'customers.write',
      'customers.reveal',
      'interactions.manage',
      'tokens.own',
    ],
  },
  complaints: {
    recordScope: 'complaints',
    viewMaxLevel: 1,
    revealMaxLevel: 0,
    permissions: ['customers.read', 'complaints.manage', 'tokens.own'],
  },
}
