/** Role codes fixed by CONTRACT.md; labels follow the policy's own terms (ACC-1). */
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

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '审计员', en: 'Auditor' },
  compliance: { zh: '合规负责人', en: 'Compliance officer' },
  manager: { zh: '部门经理', en: 'Department manager' },
  agent: { zh: '客服', en: 'Customer-service agent' },
  sales: { zh: '销售', en: 'Sales' },
  complaints: { zh: '投诉受理', en: 'Complaint handler' },
}

/**
 * 三员分立 (ACC-1): system administration, security administration and audit
 * are never held by one account.
 */
export const SEPARATED_DUTIES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor']

export function violatesSeparationOfDuties(roles: readonly Role[]): boolean {
  return roles.filter((role) => SEPARATED_DUTIES.includes(role)).length > 1
}

/** Privileged accounts: two-factor by default and forced password rotation (ACC-4, S0 篇二 6). */
export const PRIVILEGED_ROLES: readonly Role[] = SEPARATED_DUTIES
