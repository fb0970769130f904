import { type Actor, recordAuditEvent } from '../../audit/audit-log.js'
import type { AccountUpdate } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import { generatePassword, hashPassword, refusalOfNewPassword } from '../../security/passwords.js'
import {
  holdsProtectedAccess,
  type Role,
  roleSetViolation,
  rolesNeedingApproval,
} from '../../security/roles.js'
import { requestApproval, withdrawPendingApprovals } from '../approvals/index.js'
import { createDepartmentWithin } from '../departments/index.js'
import { endAccountSessions } from '../sessions/index.js'
import { presentAccount } from './accounts.presenter.js'
import * as repo from './accounts.repository.js'
import type { AccountView } from './accounts.schemas.js'
import { PASSWORD_RESET, passwordResetRequest } from './password-reset-approval.js'
import { ROLE_GRANT, roleGrantRequest } from './role-grant-approval.js'
import { newFirstPart } from './split-credentials.js'
import { twoFactorResetApproval } from './two-factor-reset-approval.js'

export type NewAccountInput = {
  username: string
  displayName: string
  roles: Role[]
  departmentId?: string | null | undefined
  /** A department to create with the account, in its transaction (the command line's --create-department). */
  newDepartmentName?: string | undefined
  /** When absent a one-time password is generated. Either way it must be changed at first sign-in. */
  password?: string | undefined
  /**
   * The set-up path only (a `system` actor: the command line's operator, or a
   * test standing in for the account's holder): the password was typed by the
   * person who will use the account, so no change is forced. Ignored for
   * anyone signed in: a password an administrator chose is always changed.
   */
  passwordChosenByHolder?: boolean | undefined
}

/** The roles an account may hold, checked the same way on every route (ACC-1, 三员分立). */
function requireValidRoleSet(roles: Role[]): void {
  const violation = roleSetViolation(roles)
  if (violation) throw new AppError('SEPARATION_OF_DUTIES', { roles: violation })
}

/**
 * Who may grant a role without a second person (ACC-5): only the server's
 * operator — the command line and first start, `system` actors that hold the
 * key files anyway. Anyone signed in (API, console, token) asks for approval.
 */
const grantsDirectly = (actor: Actor) => actor.type === 'system'

/**
 * Whether an account reads customer data or the audit trail, or authorises
 * access — counting a grant of such a role that is still waiting, since
 * approving it would hand the same credentials that access (S2). One rule
 * for password and two-factor resets alike.
 */
function protectedRolesOf(account: {
  roles: Role[]
  pending_role_grant: { roles: Role[] } | null
}): Role[] | null {
  const roles = [
    ...new Set([...account.roles, ...(account.pending_role_grant?.roles ?? [])]),
  ].sort()
  return holdsProtectedAccess(roles) ? roles : null
}

const isSelf = (actor: Actor, accountId: string) =>
  (actor.type === 'account' && actor.id === accountId) ||
  (actor.type === 'token' && actor.accountId === accountId)

/**
 * ACC-1 / ACC-4: staff accounts. Used by the API, the CLI and first start
 * alike. Through the API a role that needs approval is not held yet: the
 * account is created with the others (possibly none) and a role-grant
 * request waits for a 安全管理员 (approvalId).
 */
export async function createAccount(
  call: Call<Caller>,
  input: NewAccountInput,
): Promise<{
  account: AccountView
  oneTimePassword: string | null
  approvalId: string | null
  oneTimePasswordFirstPart: string | null
}> {
  const { deps, context, now } = call
  const { actor } = call.principal
  const roles = [...new Set(input.roles)]
  requireValidRoleSet(roles)
  if (input.password !== undefined) {
    const refusal = await refusalOfNewPassword(input.password, input)
    if (refusal) throw new AppError('VALIDATION_FAILED', { password: refusal })
  }
  if (await repo.findAccountByUsername(deps.db, input.username)) {
    throw new AppError('USERNAME_TAKEN', { username: 'invalid' })
  }
  if (input.departmentId) await requireDepartment(deps, input.departmentId)

  const awaiting = grantsDirectly(actor) ? [] : rolesNeedingApproval([], roles)
  // A grant that waits re-issues the credentials as split knowledge when approved; until then a
  // generated password would only be one administrator's secret, so none is shown (nor usable).
  const generated = input.password === undefined ? generatePassword() : null
  const oneTimePassword = awaiting.length > 0 ? null : generated
  const passwordHash = await hashPassword(input.password ?? (generated as string))
  const chosenByHolder =
    grantsDirectly(actor) && input.password !== undefined && input.passwordChosenByHolder === true
  const heldNow = roles.filter((role) => !awaiting.includes(role))
  const { id, approvalId, firstPart } = await deps.db.transaction().execute(async (trx) => {
    const departmentId = input.newDepartmentName
      ? await createDepartmentWithin(trx, call, input.newDepartmentName)
      : (input.departmentId ?? null)
    const row = await trx
      .insertInto('accounts')
      .values({
        username: input.username,
        display_name: input.displayName,
        department_id: departmentId,
        status: 'active',
        password_hash: passwordHash,
        // ACC-4: a password someone else chose is changed at first sign-in, whatever the route.
        must_change_password: !chosenByHolder,
        password_changed_at: now,
        updated_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await repo.replaceRoles(trx, row.id, heldNow)
    await recordAuditEvent(trx, now, context, {
      actor,
      action: 'account.created',
      target: { type: 'account', id: row.id },
      details: {
        roles: heldNow,
        department: departmentId,
        passwordChosenBy: generated ? 'generated' : chosenByHolder ? 'holder' : 'creator',
        ...(awaiting.length > 0 ? { awaitingApproval: awaiting } : {}),
      },
    })
    if (awaiting.length === 0) return { id: row.id, approvalId: null, firstPart: null }
    const { firstPart, sealedFirstPart } = newFirstPart(deps.secrets, row.id, ROLE_GRANT)
    const approvalId = await requestApproval(trx, call, {
      kind: roleGrantRequest,
      subject: { type: 'account', id: row.id },
      payload: { accountId: row.id, from: heldNow, to: roles, sealedFirstPart },
    })
    return { id: row.id, approvalId, firstPart }
  })
  return {
    account: await getAccount(deps, id),
    oneTimePassword,
    approvalId,
    oneTimePasswordFirstPart: firstPart,
  }
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
  call: Call<Caller>,
  id: string,
  input: {
    displayName?: string | undefined
    roles?: Role[] | undefined
    departmentId?: string | null | undefined
  },
): Promise<{
  account: AccountView
  approvalId: string | null
  oneTimePasswordFirstPart: string | null
}> {
  const { deps, context, now } = call
  const { actor } = call.principal
  const current = await repo.findAccountById(deps.db, id)
  if (!current) throw new AppError('ACCOUNT_NOT_FOUND')
  const wanted = input.roles ? [...new Set(input.roles)].sort() : undefined
  const rolesAsked = wanted !== undefined && wanted.join() !== current.roles.join()
  // ACC-1: nobody changes their own roles, not even to fewer.
  if (rolesAsked && isSelf(actor, id)) throw new AppError('OWN_ROLES_CHANGE', { roles: 'ownRoles' })
  if (wanted) requireValidRoleSet(wanted)
  if (input.departmentId) await requireDepartment(deps, input.departmentId)

  // Removals and roles granted directly take effect now; additions that need a second person wait.
  const awaiting =
    wanted && rolesAsked && !grantsDirectly(actor)
      ? rolesNeedingApproval(current.roles, wanted)
      : []
  const roles = wanted?.filter((role) => !awaiting.includes(role))

  const changed: string[] = []
  if (input.displayName !== undefined && input.displayName !== current.display_name)
    changed.push('displayName')
  if (input.departmentId !== undefined && input.departmentId !== current.department_id)
    changed.push('department')
  const rolesChanged = roles !== undefined && roles.join() !== current.roles.join()
  if (rolesChanged) changed.push('roles')
  if (changed.length === 0 && awaiting.length === 0)
    return { account: presentAccount(current), approvalId: null, oneTimePasswordFirstPart: null }

  const filed = await deps.db.transaction().execute(async (trx) => {
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
    if (changed.length > 0) {
      await recordAuditEvent(trx, now, context, {
        actor,
        action: rolesChanged ? 'account.roles_changed' : 'account.updated',
        target: { type: 'account', id },
        fields: changed,
        ...(rolesChanged && roles ? { details: { from: current.roles, to: roles } } : {}),
      })
    }
    if (awaiting.length > 0 && wanted && roles) {
      // Approved, the grant re-issues the account's credentials as split knowledge.
      const { firstPart, sealedFirstPart } = newFirstPart(deps.secrets, id, ROLE_GRANT)
      const approvalId = await requestApproval(trx, call, {
        kind: roleGrantRequest,
        subject: { type: 'account', id },
        payload: { accountId: id, from: roles, to: wanted, sealedFirstPart },
      })
      return { approvalId, firstPart }
    }
    // A direct change of roles leaves nothing for an older request to decide on.
    if (rolesAsked)
      await withdrawPendingApprovals(trx, call, {
        kind: ROLE_GRANT,
        subject: { type: 'account', id },
      })
    return null
  })
  return {
    account: await getAccount(deps, id),
    approvalId: filed?.approvalId ?? null,
    oneTimePasswordFirstPart: filed?.firstPart ?? null,
  }
}

/** ACC-4 offboarding: disabling ends every session and token use at once. */
export async function setAccountStatus(
  call: Call<Caller>,
  id: string,
  status: 'active' | 'disabled',
): Promise<AccountView> {
  const { deps, context, now } = call
  const { actor } = call.principal
  const current = await repo.findAccountById(deps.db, id)
  if (!current) throw new AppError('ACCOUNT_NOT_FOUND')
  if (status === 'disabled' && actor.type === 'account' && actor.id === id)
    throw new AppError('CANNOT_DISABLE_SELF')
  if (current.status === status) return presentAccount(current)
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

/**
 * Issues a one-time password (shown once, changed at first sign-in) and ends
 * the account's sessions; two-factor enrolment stays, so the one-time
 * password alone opens nothing that needs it. For an account that reads
 * customer data or the audit trail, or authorises access — or is waiting for
 * such a grant — the reset is only a request until a second person approves
 * it (kind password_reset), and the new password is split knowledge: the
 * requester gets its first part now, the approver the second; the old
 * password works until then. The request raises the credential_reset alert.
 * Only the server's operator (a `system` actor) resets such an account at once.
 */
export async function resetPassword(
  call: Call<Caller>,
  id: string,
): Promise<
  | { account: AccountView; oneTimePassword: string; approvalId: null }
  | { account: AccountView; approvalId: string; oneTimePasswordFirstPart: string }
> {
  const { deps, context, now } = call
  const { actor } = call.principal
  const found = await repo.findAccountById(deps.db, id)
  if (!found) throw new AppError('ACCOUNT_NOT_FOUND')
  const protectedRoles = protectedRolesOf(found)
  if (protectedRoles && !grantsDirectly(actor)) {
    const { firstPart, sealedFirstPart } = newFirstPart(deps.secrets, id, PASSWORD_RESET)
    const approvalId = await deps.db.transaction().execute(async (trx) => {
      const approvalId = await requestApproval(trx, call, {
        kind: passwordResetRequest,
        subject: { type: 'account', id },
        payload: { accountId: id, roles: protectedRoles, sealedFirstPart },
      })
      await recordAuditEvent(trx, now, context, {
        actor,
        action: 'account.password_reset',
        target: { type: 'account', id },
        // AUD-3: the alert rule credential_reset watches this, at request time, as before.
        details: {
          protectedAccess: true,
          roles: found.roles,
          approval: approvalId,
          awaitingApproval: true,
        },
      })
      return approvalId
    })
    return { account: await getAccount(deps, id), approvalId, oneTimePasswordFirstPart: firstPart }
  }
  const oneTimePassword = generatePassword()
  const passwordHash = await hashPassword(oneTimePassword)
  const account = await resetCredential(call, id, {
    action: 'account.password_reset',
    changes: {
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: now,
      failed_logins: 0,
      locked_until: null,
      // A two-factor set-up begun before the reset starts again (its secret may have been seen).
      totp_pending_secret: null,
    },
  })
  return { account, oneTimePassword, approvalId: null }
}

/**
 * For a lost authenticator: the account enrols again at its next sign-in.
 * For an account that reads customer data or the audit trail, or authorises
 * access — or is waiting for such a grant — the reset is only a request until
 * a second person approves it (kind totp_reset): with the password reset it
 * would otherwise let one administrator sign in as the account's holder. The
 * request raises the credential_reset alert; the enrolment stays meanwhile.
 * Only the server's operator (a `system` actor) resets such an account at once.
 */
export async function resetTwoFactor(
  call: Call<Caller>,
  id: string,
): Promise<{ account: AccountView; approvalId: string | null }> {
  const { deps, context, now } = call
  const { actor } = call.principal
  const account = await repo.findAccountById(deps.db, id)
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND')
  const protectedRoles = protectedRolesOf(account)
  if (grantsDirectly(actor) || !protectedRoles) {
    const reset = await resetCredential(call, id, {
      action: 'account.totp_reset',
      changes: {
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
      },
    })
    return { account: reset, approvalId: null }
  }
  const approvalId = await deps.db.transaction().execute(async (trx) => {
    const approvalId = await requestApproval(trx, call, {
      kind: twoFactorResetApproval,
      subject: { type: 'account', id },
      payload: {
        accountId: id,
        roles: protectedRoles,
        enrolledAt: account.totp_enabled_at?.toISOString() ?? null,
      },
    })
    await recordAuditEvent(trx, now, context, {
      actor,
      action: 'account.totp_reset_requested',
      target: { type: 'account', id },
      // AUD-3: the alert rule credential_reset watches this, at request time.
      details: { protectedAccess: true, roles: account.roles, approval: approvalId },
    })
    return approvalId
  })
  return { account: await getAccount(deps, id), approvalId }
}

/** An administrator replaces a credential: the change, the end of every session, the event. */
async function resetCredential(
  call: Call<Caller>,
  id: string,
  reset: { action: 'account.password_reset' | 'account.totp_reset'; changes: AccountUpdate },
): Promise<AccountView> {
  const { action, changes } = reset
  const { deps, context, now } = call
  const { actor } = call.principal
  const account = await repo.findAccountById(deps.db, id)
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND')
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('accounts')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute()
    await endAccountSessions(trx, id)
    await recordAuditEvent(trx, now, context, {
      actor,
      action,
      target: { type: 'account', id },
      // AUD-3: the alert rule credential_reset watches these.
      ...(protectedRolesOf(account)
        ? { details: { protectedAccess: true, roles: account.roles } }
        : {}),
    })
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
