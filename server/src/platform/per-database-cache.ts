import type { Database } from '../db/database.js'

export type PerDatabaseCache<T> = {
  get(db: Database): Promise<T>
  /** Drops the cached value, so that the next get reads afresh. */
  forget(db: Database): void
}

/**
 * A value read from the database on the hot path that changes rarely, kept
 * per process (and per database, so tests on separate databases never share
 * it) for `ttlMs`. A failed load is not kept.
 */
export function perDatabaseCache<T>(
  ttlMs: number,
  load: (db: Database) => Promise<T>,
): PerDatabaseCache<T> {
  const entries = new WeakMap<Database, { loadedAt: number; value: Promise<T> }>()
  return {
    get(db) {
      const cached = entries.get(db)
      if (cached && performance.now() - cached.loadedAt < ttlMs) return cached.value
      const value = load(db)
      entries.set(db, { loadedAt: performance.now(), value })
      value.catch(() => entries.delete(db))
      return value
    },
    forget: (db) => entries.delete(db),
  }
}
