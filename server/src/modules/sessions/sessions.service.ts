import type { Database } from '../../db/database.js'
import type { SessionStage } from '../../db/schema.js'
import { HOUR, MINUTE } from '../../platform/clock.js'
import type { AppDeps } from '../../platform/deps.js'
import type { Principal } from '../../platform/http/principal.js'
import { grantsOfRoles, rolesOf } from '../../security/account-grants.js'
import { hashOpaqueToken, newOpaqueToken } from '../../security/opaque-tokens.js'
import { sessionCacheOf } from './session-cache.js'

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
  const now = deps.clock.now()
  const cache = sessionCacheOf(deps.db)
  const cached = await cache?.get(idHash)
  // Idle by this server's clock may be alive by another's: the database decides (below).
  if (cached && now < cached.expiresAt && !idleAt(deps, cached.lastSeenAt, now)) {
    const touched = await touch(deps, idHash, cached.lastSeenAt, now)
    if (touched === 'gone') {
      cache?.drop(idHash)
      return { missing: true }
    }
    if (touched === 'written') cached.lastSeenAt = now
    return { principal: cached.principal }
  }
  const markedAt = cache?.mark() ?? 0
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
  if (row.status !== 'active' || idleAt(deps, row.last_seen_at, now) || now >= row.expires_at) {
    cache?.drop(idHash)
    await endSession(deps.db, idHash)
    return { expired: true }
  }
  const touched = await touch(deps, idHash, row.last_seen_at, now)
  if (touched === 'gone') return { missing: true }
  const lastSeenAt = touched === 'written' ? now : row.last_seen_at
  const grants = await grantsOfRoles(deps.db, row.roles)
  const principal: Principal = {
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
  }
  cache?.set(
    idHash,
    { principal, accountId: row.account_id, lastSeenAt, expiresAt: row.expires_at },
    markedAt,
  )
  return { principal }
}

function idleAt(deps: AppDeps, lastSeenAt: Date, now: Date): boolean {
  return now.getTime() >= lastSeenAt.getTime() + deps.config.session.idleMinutes * MINUTE
}

/**
 * Moves the idle clock on once it is TOUCH_INTERVAL_MS behind. Not due
 * either while another request of this session in this process writes it.
 */
async function touch(
  deps: AppDeps,
  idHash: string,
  lastSeenAt: Date,
  now: Date,
): Promise<'written' | 'not-due' | 'gone'> {
  if (now.getTime() - lastSeenAt.getTime() < TOUCH_INTERVAL_MS || touching.has(idHash)) {
    return 'not-due'
  }
  touching.add(idHash)
  try {
    const written = await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id_hash', '=', idHash)
      .executeTakeFirst()
    return written.numUpdatedRows > 0n ? 'written' : 'gone'
  } finally {
    touching.delete(idHash)
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
