import { describe, expect, it } from 'vitest'
import { ROLE_PERMISSIONS } from '../db/migrations/0001-foundation.data.js'
import {
  DATA_ROLES,
  ROLES,
  ROLES_GRANTED_BY_APPROVAL,
  roleSetViolation,
  rolesNeedingApproval,
  SEPARATED_DUTIES,
} from './roles.js'

describe('the role rules (ACC-1, ACC-5)', () => {
  it('lets an administrator role stand only alone, and data roles together', () => {
    for (const admin of SEPARATED_DUTIES) {
      expect(roleSetViolation([admin])).toBeNull()
      for (const other of SEPARATED_DUTIES.filter((r) => r !== admin))
        expect(roleSetViolation([admin, other])).toBe('separationOfDuties')
      for (const data of DATA_ROLES)
        expect(roleSetViolation([admin, data])).toBe('administratorWithDataRole')
    }
    expect(roleSetViolation(['manager', 'complaints', 'agent'])).toBeNull()
    expect([...SEPARATED_DUTIES, ...DATA_ROLES].sort()).toEqual([...ROLES].sort())
  })

  it('asks for approval of every role that reads customer data or the audit trail', () => {
    for (const role of ROLES) {
      const reads = ROLE_PERMISSIONS[role].some((p) =>
        ['customers.read', 'customers.reveal', 'audit.read'].includes(p),
      )
      if (reads) expect(ROLES_GRANTED_BY_APPROVAL, role).toContain(role)
    }
    // The security administrator authorises grants: making one is a grant too.
    expect(ROLES_GRANTED_BY_APPROVAL).toContain('secadmin')
    expect(ROLES_GRANTED_BY_APPROVAL).not.toContain('sysadmin')
    expect(rolesNeedingApproval(['agent'], ['agent', 'sales'])).toEqual(['sales'])
    expect(rolesNeedingApproval(['agent', 'sales'], ['sales'])).toEqual([])
  })
})
