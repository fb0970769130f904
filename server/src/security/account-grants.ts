import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { perDatabaseCache } from '../platform/per-database-cache.js'
import { isPermission, type Permission } from './permissions.js'
import type { Role } from './roles.js'

export type RecordScope = 'none' | 'own' | 'department' | 'all' | 'complaints'

/** What customer data an account's roles reach (ACC-1): record scopes, view and reveal clearance. */
export type DataGrant = { scopes: RecordScope[]; viewMaxLevel: number; revealMaxLevel: number }

export type AccountGrants = { roles: Role[]; permissions: Set<Permission>; data: DataGrant }

/** An account's roles, as a column of a query over the account id column `ref`. */
export const rolesOf = (ref: string) =>
  sql<
    Role[]
  >`array(select role from account_roles where account_id = ${sql.ref(ref)} order by role)`

type RoleGrant = {
  permissions: Permission[]
  scope: RecordScope
  viewMaxLevel: number
  revealMaxLevel: number
}

/**
 * What each role grants (tables `roles` and `role_permissions`) is read on
 * every request, and changes only with a migration — so each process keeps
 * it for a minute instead of joining it into every session lookup. Which
 * roles an account holds is still read on every request: a change of roles
 * takes effect at once.
 */
const roleGrants = perDatabaseCache(60_000, readRoleGrants)

async function readRoleGrants(db: Database): Promise<Map<Role, RoleGrant>> {
  const [roles, permissions] = await Promise.all([
    db
      .selectFrom('roles')
      .select(['code', 'record_scope', 'view_max_level', 'reveal_max_level'])
      .execute(),
    db.selectFrom('role_permissions').select(['role', 'permission']).execute(),
  ])
  return new Map(
    roles.map((role) => [
      role.code as Role,
      {
        permissions: permissions
          .filter((p) => p.role === role.code)
          .map((p) => p.permission)
          .filter(isPermission),
        scope: role.record_scope as RecordScope,
        viewMaxLevel: role.view_max_level,
        revealMaxLevel: role.reveal_max_level,
      },
    ]),
  )
}

/** The union of what the roles grant: every permission, every scope, the highest clearances. */
export async function grantsOfRoles(db: Database, roles: Role[]): Promise<AccountGrants> {
  const table = await roleGrants.get(db)
  const grants = roles.flatMap((role) => table.get(role) ?? [])
  return {
    roles,
    permissions: new Set(grants.flatMap((g) => g.permissions)),
    data: {
      scopes: [...new Set(grants.map((g) => g.scope))],
      viewMaxLevel: Math.max(0, ...grants.map((g) => g.viewMaxLevel)),
      revealMaxLevel: Math.max(0, ...grants.map((g) => g.revealMaxLevel)),
    },
  }
}

/** An account's roles and what they grant. */
export async function loadAccountGrants(db: Database, accountId: string): Promise<AccountGrants> {
  const row = await db
    .selectFrom('accounts as a')
    .select(rolesOf('a.id').as('roles'))
    .where('a.id', '=', accountId)
    .executeTakeFirst()
  return grantsOfRoles(db, row?.roles ?? [])
}
