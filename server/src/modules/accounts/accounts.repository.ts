import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Role } from '../../security/roles.js'
import type { AccountWithRelations } from './accounts.presenter.js'

/** The only SQL for accounts and their roles. */
function selectAccounts(db: Database) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .selectAll('a')
    .select([
      'd.name as department_name',
      sql<
        Role[]
      >`array(select role from account_roles r where r.account_id = a.id order by role)`.as(
        'roles',
      ),
    ])
}

export async function findAccountById(
  db: Database,
  id: string,
): Promise<AccountWithRelations | undefined> {
  return selectAccounts(db).where('a.id', '=', id).executeTakeFirst()
}

export async function findAccountByUsername(
  db: Database,
  username: string,
): Promise<AccountWithRelations | undefined> {
  return selectAccounts(db).where('a.username', '=', username).executeTakeFirst()
}

export async function listAccounts(db: Database): Promise<AccountWithRelations[]> {
  return selectAccounts(db).orderBy('a.username').execute()
}

export async function countAccounts(db: Database): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function replaceRoles(db: Database, accountId: string, roles: Role[]): Promise<void> {
  await db.deleteFrom('account_roles').where('account_id', '=', accountId).execute()
  await db
    .insertInto('account_roles')
    .values(roles.map((role) => ({ account_id: accountId, role })))
    .execute()
}
