import { type RawBuilder, type SqlBool, sql } from 'kysely'
import type { ErrorCode } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import type { RecordScope } from '../accounts/account-grants.js'
import type { StoredEntry } from '../catalogue/catalogue.repository.js'
import { effectiveMasking } from '../catalogue/catalogue.service.js'

/**
 * What one caller may see of customer data (ACC-1), from the grants of their
 * roles (data in `roles`, read with the session): which records (scope) and
 * which field levels (view and reveal clearance). With several roles the
 * caller gets the union of scopes and the highest clearances.
 */
export type Clearance = {
  accountId: string
  departmentId: string | null
  scopes: ReadonlySet<RecordScope>
  viewMaxLevel: number
  revealMaxLevel: number
  mayReveal: boolean
}

export function clearanceOf(principal: Principal): Clearance {
  return {
    accountId: principal.accountId,
    departmentId: principal.departmentId,
    scopes: new Set(principal.data.scopes),
    viewMaxLevel: principal.data.viewMaxLevel,
    revealMaxLevel: principal.data.revealMaxLevel,
    mayReveal: principal.permissions.has('customers.reveal'),
  }
}

/**
 * Is this record within the caller's scope? `complaints` scope covers
 * customers with a complaint: complaints arrive with their own issue, so
 * until then it covers none (deny by default).
 */
export function isInScope(
  clearance: Clearance,
  record: { owner_id: string; department_id: string | null },
): boolean {
  const { scopes } = clearance
  if (scopes.has('all')) return true
  if (scopes.has('own') && record.owner_id === clearance.accountId) return true
  return (
    scopes.has('department') &&
    clearance.departmentId !== null &&
    record.department_id === clearance.departmentId
  )
}

export type FieldVisibility = 'plain' | 'masked' | 'absent'

/**
 * CLS-4 and ACC-1: within the view clearance a field is masked unless its
 * rule is `none`; beyond it a field is still shown masked — never plain,
 * never revealable, never writable — so that, say, an agent can tell which
 * card a customer means from `6222 **** **** 0123`. Roles that see no
 * customer data at all get nothing.
 */
export function fieldVisibility(clearance: Clearance, entry: StoredEntry): FieldVisibility {
  if (entry.level === 0) return 'plain'
  if (isBeyondView(clearance, entry)) return clearance.viewMaxLevel === 0 ? 'absent' : 'masked'
  return effectiveMasking(entry) === 'none' ? 'plain' : 'masked'
}

export function isBeyondView(clearance: Clearance, entry: StoredEntry): boolean {
  return entry.level > clearance.viewMaxLevel
}

export type RevealDecision =
  | { allowed: true }
  | { allowed: false; code: ErrorCode; reason: string; fields: string[] }

/** ACC-2: may the caller see these fields in plain text? (Scope and purpose are checked by the caller.) */
export function decideReveal(clearance: Clearance, entries: StoredEntry[]): RevealDecision {
  if (!clearance.mayReveal || clearance.revealMaxLevel === 0) {
    return {
      allowed: false,
      code: 'REVEAL_BEYOND_CLEARANCE',
      reason: 'no_reveal_grant',
      fields: entries.map((e) => e.field),
    }
  }
  const beyond = entries.filter((e) => e.level > clearance.revealMaxLevel).map((e) => e.field)
  if (beyond.length > 0) {
    return {
      allowed: false,
      code: 'REVEAL_BEYOND_CLEARANCE',
      reason: 'beyond_clearance',
      fields: beyond,
    }
  }
  return { allowed: true }
}

/**
 * The rule of isInScope as a SQL condition on a customers row `alias`, for
 * lists of customers and of records that belong to one (ACC-1): a list is
 * filtered by the database, never after loading.
 */
export function scopeCondition(clearance: Clearance, alias: string): RawBuilder<SqlBool> {
  const { scopes } = clearance
  if (scopes.has('all')) return sql<SqlBool>`true`
  const allowed: RawBuilder<SqlBool>[] = []
  if (scopes.has('own')) {
    allowed.push(sql<SqlBool>`${sql.ref(`${alias}.owner_id`)} = ${clearance.accountId}`)
  }
  if (scopes.has('department') && clearance.departmentId !== null) {
    allowed.push(sql<SqlBool>`${sql.ref(`${alias}.department_id`)} = ${clearance.departmentId}`)
  }
  if (allowed.length === 0) return sql<SqlBool>`false`
  return sql<SqlBool>`(${sql.join(allowed, sql` or `)})`
}
