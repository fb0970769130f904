import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import type { StaffReach } from './statistics.repository.js'

/**
 * Whose work a caller's statistics count (issue 17 §6). The statistics name
 * staff and count records; they carry no customer's value, so they follow
 * the caller's record scope as far as it goes and no further:
 *
 * - a scope of every record (compliance): every department, or the one asked for;
 * - a department scope (a manager, 销售经理): the members of their department;
 * - an own scope: the caller's own work;
 * - no customer-record scope at all (the auditor, who reads reports but no
 *   customer): every department, as for compliance — the figures are
 *   counts, and overseeing them is what `reports.read` is granted for.
 *
 * Asking for another department than one's own is refused as forbidden.
 */
export function statisticsReach(principal: Principal, departmentId?: string): StaffReach {
  // A role that reaches no customer record has the scope `none`: it adds nothing to the reach.
  const scopes = new Set(principal.data.scopes.filter((scope) => scope !== 'none'))
  const everyDepartment = scopes.has('all') || scopes.size === 0
  if (everyDepartment) return departmentId ? { kind: 'department', departmentId } : { kind: 'all' }
  if (scopes.has('department')) {
    if (departmentId && departmentId !== principal.departmentId) throw new AppError('FORBIDDEN')
    return { kind: 'department', departmentId: principal.departmentId }
  }
  if (departmentId) throw new AppError('FORBIDDEN')
  return { kind: 'own', accountId: principal.accountId }
}
