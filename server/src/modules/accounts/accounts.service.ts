import { type Actor, type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { AccountUpdate } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { generatePassword, hashPassword, meetsPasswordPolicy } from '../../security/passwords.js'
import { type Role, violatesSeparationOfDuties } from '../../security/roles.js'
import { endAccountSessions } from '../auth/sessions.service.js'
import { presentAccount } from './accounts.presenter.js'
import * as repo from './accounts.repository.js'
import type { AccountView } from './accounts.schemas.js'

export type NewAccountInput = {
  username: string
  displayName: string
  roles: Role[]
  departmentId?: string | null | undefined
  /** When absent a one-time password is generated and must be changed at first sign-in. */
  password?: string | undefined
}

/** ACC-1 / ACC-4: staff accounts. Used by the API, the CLI and first start alike. */
export async function createAccount(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  input: NewAccountInput,
): Promise<{ account: AccountView; oneTimePassword: string | null }> {
  const roles = [...new Set(input.roles)]
  if (violatesSeparationOfDuties(roles))
    throw new AppError('SEPARATION_OF_DUTIES', { roles: 'separationOfDuties' })
  if (input.password !== undefined && !meetsPasswordPolicy(input.password, input.username)) {
    throw new AppError('VALIDATION_FAILED', { password: 'passwordWeak' })
  }
  if (await repo.findAccountByUsername(deps.db, input.username)) {
    throw new AppError('USERNAME_TAKEN', { username: 'invalid' })
  }
  if (input.departmentId) await requireDepartment(deps, input.departmentId)

  const oneTimePassword = input.password === undefined ? generatePassword() : null
  const passwordHash = await hashPassword(input.password ?? (oneTimePassword as string))
  const now = deps.clock.now()
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('accounts')
      .values({
        username: input.username,
        display_name: input.displayName,
        department_id: input.departmentId ?? null,
        status: 'active',
        password_hash: passwordHash,
        must_change_password: oneTimePassword !== null,
        password_changed_at: now,
        updated_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await repo.replaceRoles(trx, row.id, roles)
    await recordAuditEvent(trx, now, context, {
      actor,
      action: 'account.created',
      target: { type: 'account', id: row.id },
      details: { roles, department: input.departmentId ?? null },
    })
    return row.id
  })
  return { account: await getAccount(deps, id), oneTimePassword }
}

export async function getAccount(deps: AppDeps, id: string): Promise<AccountView> {
  const row = await repo.findAccountById(deps.db, id)
  if (!row) throw new AppError('ACCOUNT_NOT_FOUND')
  return presentAccount(row)
}

export async function listAccounts(deps: AppDeps): Promise<AccountView[]> {
  return (await repo.listAccounts(deps.db)).map(presentAccount)
}

export async function updateAccount(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  id: string,
  input: {
    displayName?: string | undefined
    roles?: Role[] | undefined
    departmentId?: string | null | undefined
  },
): Promise<AccountView> {
  const current = await repo.findAccountById(deps.db, id)
  if (!current) throw new AppError('ACCOUNT_NOT_FOUND')
  const roles = input.roles ? [...new Set(input.roles)] : undefined
  if (roles && violatesSeparationOfDuties(roles))
    throw new AppError('SEPARATION_OF_DUTIES', { roles: 'separationOfDuties' })
  if (input.departmentId) await requireDepartment(deps, input.departmentId)

  const changed: string[] = []
  if (input.displayName !== undefined && input.displayName !== current.display_name)
    changed.push('displayName')
  if (input.departmentId !== undefined && input.departmentId !== current.department_id)
    changed.push('department')
  const rolesChanged = roles !== undefined && [...roles].sort().join() !== current.roles.join()
  if (rolesChanged) changed.push('roles')
  if (changed.length === 0) return presentAccount(current)

  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
    if (rolesChanged && roles) {
      await repo.replaceRoles(trx, id, roles)
      // ACC-4: a change of roles ends the account's sessions at once.
      await endAccountSessions(trx, id)
    }
    await recordAuditEvent(trx, now, context, {
      actor,
      action: rolesChanged ? 'account.roles_changed' : 'account.updated',
      target: { type: 'account', id },
      fields: changed,
      ...(rolesChanged && roles ? { details: { from: current.roles, to: roles } } : {}),
    })
  })
  return getAccount(deps, id)
}

/** ACC-4 offboarding: disabling ends every session and token use at once. */
export async function setAccountStatus(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  id: string,
  status: 'active' | 'disabled',
): Promise<AccountView> {
  const current = await repo.findAccountById(deps.db, id)
  if (!current) throw new AppError('ACCOUNT_NOT_FOUND')
  if (status === 'disabled' && actor.type === 'account' && actor.id === id)
    throw new AppError('CANNOT_DISABLE_SELF')
  if (current.status === status) return presentAccount(current)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({
        status,
        updated_at: now,
        ...(status === 'active' ? { failed_logins: 0, locked_until: null } : {}),
      })
      .where('id', '=', id)
      .execute()
    if (status === 'disabled') await endAccountSessions(trx, id)
    await recordAuditEvent(trx, now, context, {
      actor,
      action: status === 'disabled' ? 'account.disabled' : 'account.enabled',
      target: { type: 'account', id },
    })
  })
  return getAccount(deps, id)
}

/** Issues a one-time password (shown once) and ends the account's sessions. */
export async function resetPassword(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  id: string,
) {
  const oneTimePassword = generatePassword()
  const passwordHash = await hashPassword(oneTimePassword)
  const now = deps.clock.now()
  const account = await resetCredential(deps, context, actor, id, 'account.password_reset', {
    password_hash: passwordHash,
    must_change_password: true,
    password_changed_at: now,
    failed_logins: 0,
    locked_until: null,
  })
  return { account, oneTimePassword }
}

/** For a lost authenticator: the account enrols again at its next sign-in. */
export async function resetTwoFactor(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  id: string,
) {
  return resetCredential(deps, context, actor, id, 'account.totp_reset', {
    totp_secret: null,
    totp_pending_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
  })
}

/** An administrator replaces a credential: the change, the end of every session, the event. */
async function resetCredential(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  id: string,
  action: string,
  changes: AccountUpdate,
): Promise<AccountView> {
  if (!(await repo.findAccountById(deps.db, id))) throw new AppError('ACCOUNT_NOT_FOUND')
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute()
    await endAccountSessions(trx, id)
    await recordAuditEvent(trx, now, context, { actor, action, target: { type: 'account', id } })
  })
  return getAccount(deps, id)
}

async function requireDepartment(deps: AppDeps, id: string): Promise<void> {
  const found = await deps.db
    .selectFrom('departments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!found) throw new AppError('DEPARTMENT_NOT_FOUND', { departmentId: 'notAllowed' })
}
