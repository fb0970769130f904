import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { isPermission, type Permission } from '../../security/permissions.js'
import type { Role } from '../../security/roles.js'

export type AccountGrants = { roles: Role[]; permissions: Set<Permission> }

/** An account's roles and the permissions they grant, read from the grants tables. */
export async function loadAccountGrants(db: Database, accountId: string): Promise<AccountGrants> {
  const { rows } = await sql<{ roles: Role[]; permissions: string[] }>`
    select
      array(select role from account_roles where account_id = ${accountId} order by role) as roles,
      array(
        select distinct rp.permission from role_permissions rp
        join account_roles ar on ar.role = rp.role
        where ar.account_id = ${accountId}
      ) as permissions`.execute(db)
  const row = rows[0]
  return {
    roles: row?.roles ?? [],
    permissions: new Set((row?.permissions ?? []).filter(isPermission)),
  }
}
