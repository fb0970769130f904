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
      sql<AccountWithRelations['pending_role_grant']>`(
        select json_build_object('approvalId', p.id, 'roles', p.payload -> 'to', 'requestedAt', p.requested_at)
        from approvals p
        where p.kind = 'role_grant' and p.status = 'pending'
          and p.subject_type = 'account' and p.subject_id = a.id::text
        order by p.requested_at desc limit 1)`.as('pending_role_grant'),
      sql<AccountWithRelations['pending_two_factor_reset']>`(
        select json_build_object('approvalId', p.id, 'requestedAt', p.requested_at)
        from approvals p
        where p.kind = 'totp_reset' and p.status = 'pending'
          and p.subject_type = 'account' and p.subject_id = a.id::text
        order by p.requested_at desc limit 1)`.as('pending_two_factor_reset'),
      sql<AccountWithRelations['pending_password_reset']>`(
        select json_build_object('approvalId', p.id, 'requestedAt', p.requested_at)
        from approvals p
        where p.kind = 'password_reset' and p.status = 'pending'
          and p.subject_type = 'account' and p.subject_id = a.id::text
        order by p.requested_at desc limit 1)`.as('pending_password_reset'),
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
  // An account may hold no role while a grant waits for approval (ACC-5).
  if (roles.length === 0) return
  await db
    .insertInto('account_roles')
    .values(roles.map((role) => ({ account_id: accountId, role })))
    .execute()
}

/** The owner's new password (ACC-4): it no longer must be changed, and its age starts now. */
export async function setOwnPassword(
  db: Database,
  accountId: string,
  password: { passwordHash: string; now: Date },
): Promise<void> {
  const { passwordHash, now } = password
  await db
    .updateTable('accounts')
    .set({
      password_hash: passwordHash,
      must_change_password: false,
      password_changed_at: now,
      // A two-factor set-up begun under the old password starts again: whoever
      // saw its secret then may not be the holder who set the new password.
      totp_pending_secret: null,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .execute()
}

/**
 * Marks a two-factor time step as used, if no later one was: the check and
 * the mark are one conditional update, so a code is accepted once.
 */
export async function markTotpStepUsed(
  db: Database,
  accountId: string,
  step: number,
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** A two-factor secret, sealed, waiting for its first code to confirm the enrolment. */
export async function setPendingTotpSecret(
  db: Database,
  accountId: string,
  pending: { sealedSecret: string; now: Date },
): Promise<void> {
  const { sealedSecret, now } = pending
  await db
    .updateTable('accounts')
    .set({ totp_pending_secret: sealedSecret, updated_at: now })
    .where('id', '=', accountId)
    .execute()
}

/** The pending secret becomes the account's two-factor secret; `step` is the code that confirmed it. */
export async function enableTotp(
  db: Database,
  accountId: string,
  enrolment: { sealedSecret: string; step: number; now: Date },
): Promise<void> {
  const { sealedSecret, step, now } = enrolment
  await db
    .updateTable('accounts')
    .set({
      totp_secret: sealedSecret,
      totp_pending_secret: null,
      totp_enabled_at: now,
      totp_last_step: step,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .execute()
}

/** The display names of accounts by id (those that exist), for lists that name people. */
export async function displayNamesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r.display_name]))
}

/** The active accounts of a department, by name: ids and display names, nothing else. */
export async function colleaguesOf(
  db: Database,
  departmentId: string | null,
): Promise<{ id: string; name: string }[]> {
  if (departmentId === null) return []
  return db
    .selectFrom('accounts')
    .select(['id', 'display_name as name'])
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .orderBy('display_name')
    .execute()
}
