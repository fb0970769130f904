import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { isPermission, type Permission } from '../../security/permissions.js'
import type { Role } from '../../security/roles.js'

export type AccountGrants = { roles: Role[]; permissions: Set<Permission> }

/** An account's roles, as a column of a query over the account id column `ref`. */
export const rolesOf = (ref: string) =>
  sql<
    Role[]
  >`array(select role from account_roles where account_id = ${sql.ref(ref)} order by role)`

/** The permissions an account's roles grant, as a column of a query over `ref`. */
export const permissionsOf = (ref: string) =>
  sql<string[]>`array(
    select distinct rp.permission from role_permissions rp
    join account_roles ar on ar.role = rp.role
    where ar.account_id = ${sql.ref(ref)})`

export function toGrants(roles: Role[], permissions: string[]): AccountGrants {
  return { roles, permissions: new Set(permissions.filter(isPermission)) }
}

/** An account's roles and the permissions they grant, read from the grants tables. */
export async function loadAccountGrants(db: Database, accountId: string): Promise<AccountGrants> {
  const row = await db
    .selectFrom('accounts as a')
    .select([rolesOf('a.id').as('roles'), permissionsOf('a.id').as('permissions')])
    .where('a.id', '=', accountId)
    .executeTakeFirst()
  return toGrants(row?.roles ?? [], row?.permissions ?? [])
}
