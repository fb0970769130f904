/**
 * Every action a route can require. Routes declare one of these (or 'public' /
 * 'signed-in'); anything not granted is denied (ACC-1, deny by default).
 * What each role is granted is data (tables roles, role_permissions), seeded
 * by migrations (0001-foundation and those that added permissions since).
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
  /** Give a walk-in to someone whose turn it is not, with a reason (issue 16, 接待管理; managers). */
  'reception.override',
  /** Give a customer to another owner with a reason, one or in bulk (issue 16, CUS-5; managers). */
  'customers.transfer',
  /** Record and move deals (成交) of the customers in one's scope (issue 16, CUS-9; sales, agents, managers). */
  'deals.manage',
  /** Take a customer from the department's pool (公海; issue 16, CUS-10; sales, agents, managers). */
  'pool.pick',
  /** Check the tracking forms of A and B customers and review the daily reports of the department (issue 17, 客户追踪表, 晚会; managers). */
  'tracking.supervise',
  /** Record the weekly review (梳理) of a grade of the department and plan next week's follow-ups from it (issue 17, CUS-8; managers). */
  'reviews.record',
  /** Import customers from a CSV or Excel file into the department, as one job with a dry run (issue 18, DQ-3; managers). */
  'customers.import',
  /** Export the customer list one may see as CSV or Excel, masked by default (issue 18 §2, DQ-3; managers, compliance). */
  'customers.export',
  /** Approve, as the second person, an export of plain values (ACC-5; managers, compliance). */
  'exports.approve',
  /** Review the likely duplicates the sweep found among the customers one may see, and dismiss them (issue 18 §3, DQ-1; managers, compliance). */
  'duplicates.review',
  'tokens.own',
] as const

export type Permission = (typeof PERMISSIONS)[number]

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}
