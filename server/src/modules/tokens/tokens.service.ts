import type { AuditReason } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { ApiToken } from '../../db/schema.js'
import { DAY } from '../../platform/clock.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { Principal } from '../../platform/http/principal.js'
import { grantsOfRoles, rolesOf } from '../../security/account-grants.js'
import { hashOpaqueToken, newOpaqueToken } from '../../security/opaque-tokens.js'
import type { Permission } from '../../security/permissions.js'
import type { Role } from '../../security/roles.js'
import { admitAttempt, releaseAttempt } from '../accounts/index.js'
import { checkTotpCode } from '../auth/index.js'

export type TokenView = {
  id: string
  name: string
  scopes: Permission[]
  createdAt: string
  expiresAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const TOKEN_PREFIX = 'cus_'
/** last_used_at is written at most this often, to keep token use cheap. */
const TOUCH_INTERVAL_MS = 60_000

/** Every token expires (ACC-4); accounts that must use two-factor get short-lived tokens only. */
export const TOKEN_DEFAULT_DAYS = 90
export const TOKEN_MAX_DAYS = 365
export const TOKEN_MAX_DAYS_TWO_FACTOR = 30

export type TokenPolicy = { totpRequired: boolean; defaultDays: number; maxDays: number }

/** What minting asks of an account with these roles: a TOTP code and a shorter life when any role must use two-factor. */
export function tokenPolicyFor(deps: AppDeps, roles: readonly Role[]): TokenPolicy {
  const totpRequired = roles.some((role) => deps.config.mfaRequiredRoles.includes(role))
  return totpRequired
    ? { totpRequired, defaultDays: TOKEN_MAX_DAYS_TWO_FACTOR, maxDays: TOKEN_MAX_DAYS_TWO_FACTOR }
    : { totpRequired, defaultDays: TOKEN_DEFAULT_DAYS, maxDays: TOKEN_MAX_DAYS }
}

const present = (row: ApiToken): TokenView => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as Permission[],
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
})

/**
 * API tokens for integrations (ACC-4): hashed at rest, scoped to a subset of
 * the owning account's permissions, revocable, always expiring. A token acts
 * as its account and stops working when the account is disabled. An account
 * that must use two-factor sign-in mints only with a fresh TOTP code (the
 * same no-replay check as sign-in, counted by the same lockout), for at most
 * 30 days.
 */
export async function createToken(
  call: Call,
  input: {
    name: string
    scopes: Permission[]
    expiresInDays?: number | undefined
    totp?: string | undefined
  },
): Promise<{ token: string; details: TokenView }> {
  const { deps, context, principal, now } = call
  if (principal.via !== 'session') throw new AppError('FORBIDDEN')
  const scopes = [...new Set(input.scopes)]
  if (scopes.some((scope) => !principal.permissions.has(scope)))
    throw new AppError('TOKEN_SCOPE_EXCEEDED', { scopes: 'notAllowed' })
  const policy = tokenPolicyFor(deps, principal.roles)
  const days = input.expiresInDays ?? policy.defaultDays
  if (days > policy.maxDays)
    throw new AppError('VALIDATION_FAILED', { expiresInDays: 'tokenExpiryTooLong' })
  if (policy.totpRequired) await requireFreshTotp(call, input.totp)
  const token = newOpaqueToken(TOKEN_PREFIX)
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        account_id: principal.accountId,
        name: input.name,
        token_hash: hashOpaqueToken(token),
        scopes,
        created_at: now,
        expires_at: new Date(now.getTime() + days * DAY),
        minted_with_totp: policy.totpRequired,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'token.created',
      target: { type: 'api_token', id: row.id },
      details: { scopes, expiresInDays: days, twoFactor: policy.totpRequired },
    })
    return { token, details: present(row) }
  })
}

/**
 * A session alone does not mint a token for such an account: someone who
 * finds it open must also hold the authenticator. The code is counted by the
 * sign-in lockout before it is checked, so guessing codes here locks the
 * account as guessing them at sign-in does.
 */
async function requireFreshTotp(call: Call, code: string | undefined): Promise<void> {
  const { deps, context, principal, now } = call
  if (!code) throw new AppError('TOKEN_TOTP_REQUIRED', { totp: 'required' })
  const account = await deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow()
  const admission = await admitAttempt(deps.db, account.id, { now, policy: deps.config.lockout })
  if (!admission.admitted) {
    await auditRefusal(call, 'locked')
    throw new AppError('ACCOUNT_LOCKED')
  }
  if (await checkTotpCode(deps, account, code)) {
    await releaseAttempt(deps.db, account.id, deps.config.lockout)
    return
  }
  await auditRefusal(call, 'bad_totp', { failedAttempts: admission.failures })
  if (admission.lockedNow) {
    await recordAuditEvent(deps.db, now, context, {
      actor: { type: 'system', name: 'sign-in' },
      action: 'account.locked',
      target: { type: 'account', id: account.id },
      details: { minutes: deps.config.lockout.minutes },
    })
  }
  throw new AppError('TOKEN_TOTP_INVALID', { totp: 'totpInvalid' })
}

function auditRefusal(call: Call, reason: AuditReason, details?: Record<string, number>) {
  const { deps, context, principal, now } = call
  return recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'token.create_failed',
    target: { type: 'account', id: principal.accountId },
    outcome: 'denied',
    reason,
    ...(details ? { details } : {}),
  })
}

export async function listOwnTokens(call: Call): Promise<TokenView[]> {
  const { deps, principal } = call
  const rows = await deps.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('account_id', '=', principal.accountId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map(present)
}

export async function revokeToken(call: Call, id: string): Promise<void> {
  const { deps, context, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('account_id', '=', principal.accountId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw new AppError('TOKEN_NOT_FOUND')
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'token.revoked',
      target: { type: 'api_token', id },
    })
  })
}

/** Every live token of the account stops working (its credentials were re-issued, ACC-4). */
export async function revokeAccountTokens(
  db: Database,
  accountId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute()
}

/** Resolves a bearer token to a principal, or null when it is unknown, expired, revoked or its account disabled. */
export async function resolveToken(deps: AppDeps, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null
  const row = await deps.db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.name',
      't.scopes',
      't.expires_at',
      't.created_at',
      't.minted_with_totp',
      't.revoked_at',
      't.last_used_at',
      'a.id as account_id',
      'a.username',
      'a.status',
      'a.department_id',
      rolesOf('a.id').as('roles'),
    ])
    .where('t.token_hash', '=', hashOpaqueToken(token))
    .executeTakeFirst()
  const now = deps.clock.now()
  if (!row || row.revoked_at || row.status !== 'active' || row.expires_at <= now) return null
  // Checked at use, not only at minting, so that a token minted before its
  // account had to use two-factor (an older version, a role or setting
  // changed since) does not outlive the rule.
  if (tokenPolicyFor(deps, row.roles as Role[]).totpRequired) {
    const age = now.getTime() - row.created_at.getTime()
    if (!row.minted_with_totp || age >= TOKEN_MAX_DAYS_TWO_FACTOR * DAY) return null
  }
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_INTERVAL_MS) {
    await deps.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.id)
      .execute()
  }
  const grants = await grantsOfRoles(deps.db, row.roles)
  // The token may do what both it and its account (as of now) may do.
  const permissions = new Set([...grants.permissions].filter((p) => row.scopes.includes(p)))
  return {
    accountId: row.account_id,
    username: row.username,
    roles: grants.roles,
    departmentId: row.department_id,
    permissions,
    data: grants.data,
    actor: {
      type: 'token',
      id: row.id,
      name: `${row.username}/${row.name}`,
      accountId: row.account_id,
    },
    via: 'token',
    tokenId: row.id,
  }
}
