import type { Database } from '../../db/database.js'
import type { SessionStage } from '../../db/schema.js'
import { HOUR, MINUTE } from '../../platform/clock.js'
import type { AppDeps } from '../../platform/deps.js'
import type { Principal } from '../../platform/http/principal.js'
import { grantsOfRoles, rolesOf } from '../../security/account-grants.js'
import { hashOpaqueToken, newOpaqueToken } from '../../security/opaque-tokens.js'

export const SESSION_COOKIE = 'custodia_session'

/** last_seen_at is written at most this often: idle expiry is exact to within it. */
const TOUCH_INTERVAL_MS = 15_000

/**
 * Concurrent requests of one session all see the same stale last_seen_at;
 * while one of them writes it, the others in this process skip the write
 * instead of queueing for the same row lock.
 */
const touching = new Set<string>()

export type SessionLookup = { principal: Principal } | { expired: true } | { missing: true }

/**
 * Sessions live in the database (so any server process can serve any
 * request) and are looked up by the hash of the cookie value. ACC-4: an idle
 * timeout and an absolute lifetime; a disabled account's sessions end at once.
 */
export async function createSession(
  deps: AppDeps,
  input: {
    accountId: string
    stage: SessionStage
    sourceIp: string | null
    userAgent: string | null
  },
): Promise<string> {
  const now = deps.clock.now()
  const token = newOpaqueToken('s_')
  await deps.db
    .insertInto('sessions')
    .values({
      id_hash: hashOpaqueToken(token),
      account_id: input.accountId,
      stage: input.stage,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + deps.config.session.maxHours * HOUR),
      source_ip: input.sourceIp,
      user_agent: input.userAgent?.slice(0, 512) ?? null,
    })
    .execute()
  return token
}

export async function lookupSession(deps: AppDeps, token: string): Promise<SessionLookup> {
  const idHash = hashOpaqueToken(token)
  const row = await deps.db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.stage',
      's.last_seen_at',
      's.expires_at',
      'a.id as account_id',
      'a.username',
      'a.status',
      'a.department_id',
      rolesOf('a.id').as('roles'),
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst()
  if (!row) return { missing: true }
  const now = deps.clock.now()
  const idleLimit = row.last_seen_at.getTime() + deps.config.session.idleMinutes * MINUTE
  if (row.status !== 'active' || now.getTime() >= idleLimit || now >= row.expires_at) {
    await endSession(deps.db, idHash)
    return { expired: true }
  }
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS && !touching.has(idHash)) {
    touching.add(idHash)
    try {
      await deps.db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id_hash', '=', idHash)
        .execute()
    } finally {
      touching.delete(idHash)
    }
  }
  const grants = await grantsOfRoles(deps.db, row.roles)
  return {
    principal: {
      accountId: row.account_id,
      username: row.username,
      roles: grants.roles,
      departmentId: row.department_id,
      permissions: grants.permissions,
      data: grants.data,
      actor: { type: 'account', id: row.account_id, name: row.username },
      via: 'session',
      sessionHash: idHash,
      stage: row.stage,
    },
  }
}

export async function setSessionStage(
  db: Database,
  idHash: string,
  stage: SessionStage,
): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id_hash', '=', idHash).execute()
}

export async function endSession(db: Database, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

/** Ends every session of an account (disabled, roles changed, password reset). */
export async function endAccountSessions(
  db: Database,
  accountId: string,
  exceptHash?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId)
  if (exceptHash) query = query.where('id_hash', '!=', exceptHash)
  await query.execute()
}

export async function pruneExpiredSessions(
  db: Database,
  now: Date,
  idleMinutes: number,
): Promise<void> {
  const idleCutoff = new Date(now.getTime() - idleMinutes * MINUTE)
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
    .execute()
}
