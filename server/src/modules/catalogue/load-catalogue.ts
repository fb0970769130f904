import type { Database } from '../../db/database.js'
import { perDatabaseCache } from '../../platform/per-database-cache.js'
import { type StoredEntry, selectCatalogue } from './catalogue.repository.js'
import type { CustomerKind } from './default-catalogue.js'
import { withLegalFloor } from './legally-sensitive.js'

/** The field catalogue as one request sees it (CLS-1). */
export type Catalogue = {
  entries: StoredEntry[]
  get(field: string): StoredEntry | undefined
  /** Personal (encrypted) fields that apply to a kind of customer. */
  personalFields(kind: CustomerKind): StoredEntry[]
}

/**
 * The catalogue changes rarely and is read by every customer request, so
 * each process keeps it for a few seconds. A change made here is seen here at
 * once; other processes sharing the database see it within five seconds.
 */
const cache = perDatabaseCache(5_000, async (db: Database) => ({
  version: changeCount,
  catalogue: await readCatalogue(db),
}))
/**
 * Counts the changes this process made, so that one applied inside an
 * approval's transaction (which has no handle on the cache's database) is
 * seen here at once too.
 */
let changeCount = 0

export async function loadCatalogue(db: Database): Promise<Catalogue> {
  const cached = await cache.get(db)
  if (cached.version === changeCount) return cached.catalogue
  cache.forget(db)
  return (await cache.get(db)).catalogue
}

/** Called by whatever changed the catalogue in this process: the next read reads afresh. */
export function catalogueChanged(): void {
  changeCount += 1
}

export async function readCatalogue(db: Database): Promise<Catalogue> {
  // The legal floor is laid over every row read, so a row edited outside the API cannot unprotect a field.
  const entries = (await selectCatalogue(db)).map(withLegalFloor)
  const byField = new Map(entries.map((e) => [e.field, e]))
  return {
    entries,
    get: (field) => byField.get(field),
    personalFields: (kind) =>
      entries.filter((e) => e.level > 0 && (e.appliesTo === 'both' || e.appliesTo === kind)),
  }
}

/** After a change made through this database: its next read reads afresh. */
export function forgetCatalogue(db: Database): void {
  cache.forget(db)
}
