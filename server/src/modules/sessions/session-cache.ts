import { watchChannel } from '../../db/change-feed.js'
import type { Database } from '../../db/database.js'
import type { Principal } from '../../platform/http/principal.js'

/** The channel migration 0016's triggers announce a changed account's id on. */
const CHANNEL = 'custodia_sessions'

/** Enough for every open session of a large installation; the oldest go first beyond it. */
const CAPACITY = 20_000

export type CachedSession = {
  principal: Principal
  accountId: string
  /** As this server last read or wrote it; another server may have moved it on since. */
  lastSeenAt: Date
  expiresAt: Date
}

export type SessionCache = {
  /**
   * The session, if cached and no committed change has made it stale: it
   * waits until every change notice committed before the call is in.
   */
  get(idHash: string): Promise<CachedSession | undefined>
  /** The moment a lookup starts reading the database: `set` keeps its answer only if no notice came since. */
  mark(): number
  set(idHash: string, session: CachedSession, markedAt: number): void
  drop(idHash: string): void
}

const caches = new WeakMap<Database, SessionCache | null>()

/**
 * The sessions this server has looked up (issue 15): a request no longer
 * reads its session from the database, yet a session ended, an account
 * disabled, its roles or department changed are refused or seen afresh on
 * the very next request, on every server — the triggers of migration 0016
 * announce the account when the change commits, and `get` waits for the
 * announcements committed before it. A database without a change feed gets
 * no cache: every request reads its session.
 */
export function sessionCacheOf(db: Database): SessionCache | undefined {
  const known = caches.get(db)
  if (known !== undefined) return known ?? undefined
  const sessions = new Map<string, CachedSession>()
  const watch = watchChannel(db, CHANNEL, {
    onNotice(accountId) {
      for (const [idHash, session] of sessions) {
        if (session.accountId === accountId) sessions.delete(idHash)
      }
    },
    onLost: () => sessions.clear(),
  })
  if (!watch) {
    caches.set(db, null)
    return undefined
  }
  const cache: SessionCache = {
    async get(idHash) {
      if (!sessions.has(idHash) || !(await watch.current())) return undefined
      return sessions.get(idHash)
    },
    mark: () => watch.generation,
    set(idHash, session, markedAt) {
      if (!watch.listening || markedAt !== watch.generation) return
      sessions.delete(idHash)
      sessions.set(idHash, session)
      if (sessions.size > CAPACITY) {
        const oldest = sessions.keys().next().value
        if (oldest !== undefined) sessions.delete(oldest)
      }
    },
    drop: (idHash) => {
      sessions.delete(idHash)
    },
  }
  caches.set(db, cache)
  return cache
}
