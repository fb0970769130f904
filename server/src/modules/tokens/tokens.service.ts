import { type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { ApiToken } from '../../db/schema.js'
import { DAY } from '../../platform/clock.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import { hashOpaqueToken, newOpaqueToken } from '../../security/opaque-tokens.js'
import type { Permission } from '../../security/permissions.js'
import { grantsOfRoles, rolesOf } from '../accounts/account-grants.js'

export type TokenView = {
  id: string
  name: string
  scopes: Permission[]
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

const TOKEN_PREFIX = 'cus_'
/** last_used_at is written at most this often, to keep token use cheap. */
const TOUCH_INTERVAL_MS = 60_000

const present = (row: ApiToken): TokenView => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as Permission[],
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
})

/**
 * API tokens for integrations (ACC-4): hashed at rest, scoped to a subset of
 * the owning account's permissions, revocable, optionally expiring. A token
 * acts as its account and stops working when the account is disabled.
 */
export async function createToken(
  deps: AppDeps,
  context: RequestContext,
  principal: Principal,
  input: { name: string; scopes: Permission[]; expiresInDays?: number | undefined },
): Promise<{ token: string; details: TokenView }> {
  if (principal.via !== 'session') throw new AppError('FORBIDDEN')
  const scopes = [...new Set(input.scopes)]
  if (scopes.some((scope) => !principal.permissions.has(scope)))
    throw new AppError('TOKEN_SCOPE_EXCEEDED', { scopes: 'notAllowed' })
  const now = deps.clock.now()
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
        expires_at: input.expiresInDays
          ? new Date(now.getTime() + input.expiresInDays * DAY)
          : null,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'token.created',
      target: { type: 'api_token', id: row.id },
      details: { scopes },
    })
    return { token, details: present(row) }
  })
}

export async function listOwnTokens(deps: AppDeps, principal: Principal): Promise<TokenView[]> {
  const rows = await deps.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('account_id', '=', principal.accountId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map(present)
}

export async function revokeToken(
  deps: AppDeps,
  context: RequestContext,
  principal: Principal,
  id: string,
): Promise<void> {
  const now = deps.clock.now()
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
  if (
    !row ||
    row.revoked_at ||
    row.status !== 'active' ||
    (row.expires_at && row.expires_at <= now)
  )
    return null
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
