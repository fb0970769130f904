import { changeFeedOf } from '../../db/change-feed.js'
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
  const feed = changeFeedOf(db)
  if (!feed) {
    caches.set(db, null)
    return undefined
  }
  const sessions = new Map<string, CachedSession>()
  let generation = 0
  let listening = false
  const forgetAll = () => {
    generation += 1
    sessions.clear()
  }
  feed
    .subscribe(CHANNEL, {
      onNotice(accountId) {
        generation += 1
        for (const [idHash, session] of sessions) {
          if (session.accountId === accountId) sessions.delete(idHash)
        }
      },
      onLost: forgetAll,
    })
    .then(
      () => {
        listening = true
      },
      () => {},
    )
  const cache: SessionCache = {
    async get(idHash) {
      if (!listening || !sessions.has(idHash)) return undefined
      if (!(await feed.caughtUp())) {
        forgetAll()
        return undefined
      }
      return sessions.get(idHash)
    },
    mark: () => generation,
    set(idHash, session, markedAt) {
      if (!listening || markedAt !== generation) return
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
