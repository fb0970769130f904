/**
 * The roles and their default grants (ACC-1) that 0001-foundation seeds into
 * `roles` and `role_permissions`.
 *
 * Frozen with the migration that seeds it (docs/security.md, "Migrations"): this
 * is the data as released, not the live lists of the code; the migration's hash
 * test pins this file too. A later change is a new migration.
 */
// biome-ignore format: one role per line reads as the table it is
export const ROLES = [
  { code: 'sysadmin', name_zh: '系统管理员', name_en: 'System administrator', record_scope: 'none', view_max_level: 0, reveal_max_level: 0 },
  { code: 'secadmin', name_zh: '安全管理员', name_en: 'Security administrator', record_scope: 'none', view_max_level: 0, reveal_max_level: 0 },
  { code: 'auditor', name_zh: '审计员', name_en: 'Auditor', record_scope: 'none', view_max_level: 0, reveal_max_level: 0 },
  { code: 'compliance', name_zh: '合规负责人', name_en: 'Compliance officer', record_scope: 'all', view_max_level: 3, reveal_max_level: 3 },
  { code: 'manager', name_zh: '部门经理', name_en: 'Department manager', record_scope: 'department', view_max_level: 3, reveal_max_level: 3 },
  { code: 'agent', name_zh: '客服', name_en: 'Customer-service agent', record_scope: 'department', view_max_level: 2, reveal_max_level: 2 },
  { code: 'sales', name_zh: '销售', name_en: 'Sales', record_scope: 'own', view_max_level: 2, reveal_max_level: 2 },
  { code: 'complaints', name_zh: '投诉受理', name_en: 'Complaint handler', record_scope: 'complaints', view_max_level: 1, reveal_max_level: 0 },
] as const

/** The permissions each role is granted by default. */
export const ROLE_PERMISSIONS = {
  sysadmin: [
    'accounts.read',
    'accounts.manage',
    'departments.manage',
    'settings.manage',
    'tokens.own',
  ],
  secadmin: [
    'catalogue.manage',
    'purposes.manage',
    'keys.manage',
    'alert-rules.manage',
    'tokens.own',
  ],
  auditor: ['audit.read', 'alerts.read', 'reports.read', 'tokens.own'],
  compliance: [
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
  manager: [
    'customers.read',
    'customers.write',
    'customers.reveal',
    'customers.review',
    'interactions.manage',
    'approvals.decide',
    'reports.read',
    'tokens.own',
  ],
  agent: [
    'customers.read',
    'customers.write',
    'customers.reveal',
    'interactions.manage',
    'tokens.own',
  ],
  sales: [
    'customers.read',
    'customers.write',
    'customers.reveal',
    'interactions.manage',
    'tokens.own',
  ],
  complaints: ['customers.read', 'complaints.manage', 'tokens.own'],
} as const
