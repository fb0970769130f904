import type { Database } from '../db/database.js'
import type { Principal } from '../platform/http/principal.js'
import { grantsOfRoles, rolesOf } from './account-grants.js'

/**
 * The principal of a job acting for an account — an import, run in the
 * background and resumed after a restart — with the account's grants as
 * they are now: a role taken away since the upload counts. None when the
 * account is no longer active.
 */
export async function jobPrincipal(
  db: Database,
  accountId: string,
  job: string,
): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.username', 'a.department_id', rolesOf('a.id').as('roles')])
    .where('a.id', '=', accountId)
    .where('a.status', '=', 'active')
    .executeTakeFirst()
  if (!row) return undefined
  const grants = await grantsOfRoles(db, row.roles)
  return {
    accountId: row.id,
    username: row.username,
    roles: grants.roles,
    departmentId: row.department_id,
    permissions: grants.permissions,
    data: grants.data,
    actor: { type: 'account', id: row.id, name: row.username },
    via: 'job',
    job,
  }
}
