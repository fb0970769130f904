import type { PGlite } from '@electric-sql/pglite'
import type { Kysely } from 'kysely'
import pg from 'pg'
import type { DB } from './schema.js'

/**
 * Notices of committed changes, sent by triggers with `pg_notify`, for the
 * per-process caches that must never serve an answer a committed change has
 * made stale (the session cache: a disabled account is refused on its next
 * request, on every server). A cache watches a channel (`watchChannel`), drops what a
 * notice names, and before it serves anything asks `current()`.
 */
export type ChangeFeed = {
  /**
   * Listens on `channel`. `onLost` is called whenever notices may have been
   * missed (the listening connection dropped): the cache drops everything.
   */
  subscribe(channel: string, handlers: NoticeHandlers): Promise<void>
  /**
   * True once every notice committed before the call has been handed to the
   * subscribers; false when the feed is down, and the cache must not be used.
   */
  caughtUp(): Promise<boolean>
  close(): Promise<void>
}

export type NoticeHandlers = { onNotice(payload: string): void; onLost(): void }

/** Keyed by the Kysely instance database.ts opened (this file sits below it, so names it by its type). */
type Database = Kysely<DB>

const feeds = new WeakMap<Database, ChangeFeed>()

export function attachChangeFeed(db: Database, feed: ChangeFeed): void {
  feeds.set(db, feed)
}

/**
 * One cache's view of a channel: every notice and every loss moves the
 * generation on (a read begun at one generation is stale at another), and
 * `current()` says whether the cache may serve now — it listens, and every
 * notice committed before the call is in. When the feed is down the cache
 * is told it lost everything.
 */
export type ChannelWatch = {
  readonly generation: number
  readonly listening: boolean
  current(): Promise<boolean>
}

/** Watches `channel` of the database's change feed; undefined when it has none (no caching then). */
export function watchChannel(
  db: Database,
  channel: string,
  handlers: NoticeHandlers,
): ChannelWatch | undefined {
  const feed = feeds.get(db)
  if (!feed) return undefined
  let generation = 0
  let listening = false
  const lost = () => {
    generation += 1
    handlers.onLost()
  }
  feed
    .subscribe(channel, {
      onNotice(payload) {
        generation += 1
        handlers.onNotice(payload)
      },
      onLost: lost,
    })
    .then(
      () => {
        listening = true
      },
      () => {},
    )
  return {
    get generation() {
      return generation
    },
    get listening() {
      return listening
    },
    async current() {
      if (!listening) return false
      if (await feed.caughtUp()) return true
      lost()
      return false
    },
  }
}

/**
 * The embedded engine runs in this process and hands a notice to its
 * listeners before the statement that committed it returns, so once the
 * feed listens it is always caught up.
 */
export function pgliteChangeFeed(pglite: PGlite): ChangeFeed {
  const unsubscribes: (() => Promise<void>)[] = []
  return {
    async subscribe(channel, { onNotice }) {
      unsubscribes.push(await pglite.listen(channel, onNotice))
    },
    caughtUp: async () => !pglite.closed,
    async close() {
      for (const unsubscribe of unsubscribes.splice(0)) await unsubscribe().catch(() => {})
    },
  }
}

/**
 * A PostgreSQL server delivers notices on a connection of their own, at
 * any moment. PostgreSQL sends a listening connection every notice
 * committed before a query it answers, ahead of the answer, so `caughtUp`
 * runs one `select 1` there — shared by every request that asks while it is
 * on its way, one round trip for a crowd of requests rather than one each.
 * A dropped connection loses notices: every subscriber drops its cache, and
 * the feed reconnects on the next `caughtUp`.
 */
export function postgresChangeFeed(url: string): ChangeFeed {
  const subscribers = new Map<string, NoticeHandlers[]>()
  let client: pg.Client | null = null
  let connecting: Promise<pg.Client | null> | null = null
  let closed = false
  let next: { promise: Promise<boolean>; resolve: (live: boolean) => void } | null = null
  let inFlight = false

  const lost = () => {
    client = null
    for (const handlers of subscribers.values()) for (const h of handlers) h.onLost()
  }

  const connect = (): Promise<pg.Client | null> => {
    if (client) return Promise.resolve(client)
    if (closed) return Promise.resolve(null)
    connecting ??= (async () => {
      const fresh = new pg.Client({ connectionString: url, application_name: FEED_APPLICATION })
      fresh.on('error', () => {})
      fresh.on('end', () => {
        if (client === fresh) lost()
      })
      fresh.on('notification', (message) => {
        for (const h of subscribers.get(message.channel) ?? []) h.onNotice(message.payload ?? '')
      })
      try {
        await fresh.connect()
        for (const channel of subscribers.keys()) await fresh.query(`listen ${quoted(channel)}`)
      } catch {
        await fresh.end().catch(() => {})
        return null
      }
      if (closed) {
        await fresh.end().catch(() => {})
        return null
      }
      // Whatever was cached before this connection listened may be stale.
      lost()
      client = fresh
      return fresh
    })().finally(() => {
      connecting = null
    })
    return connecting
  }

  const drain = async () => {
    inFlight = true
    while (next) {
      const waiting = next
      next = null
      const listener = await connect()
      let live = false
      if (listener) {
        try {
          await listener.query('select 1')
          live = client === listener
        } catch {
          live = false
        }
      }
      waiting.resolve(live)
    }
    inFlight = false
  }

  return {
    async subscribe(channel, handlers) {
      subscribers.set(channel, [...(subscribers.get(channel) ?? []), handlers])
      const listener = await connect()
      await listener?.query(`listen ${quoted(channel)}`)
    },
    caughtUp() {
      if (closed) return Promise.resolve(false)
      // A request asking now waits for a query that starts after it asked.
      if (!next) {
        let resolve!: (live: boolean) => void
        const promise = new Promise<boolean>((r) => {
          resolve = r
        })
        next = { promise, resolve }
      }
      const waiting = next.promise
      if (!inFlight) void drain()
      return waiting
    },
    async close() {
      closed = true
      const open = client ?? (await connecting)
      client = null
      await open?.end().catch(() => {})
    },
  }
}

/** How the listening connection names itself in `pg_stat_activity`. */
export const FEED_APPLICATION = 'custodia change feed'

function quoted(channel: string): string {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`unexpected channel name ${channel}`)
  return `"${channel}"`
}
