import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type Transaction } from 'kysely'
import pg from 'pg'
import { attachChangeFeed, pgliteChangeFeed, postgresChangeFeed } from './change-feed.js'
import { PGliteDialect } from './pglite-dialect.js'
import { withPreparedStatements } from './prepared-statements.js'
import { RefuseEmptyUpdatePlugin } from './refuse-empty-update.js'
import type { DB } from './schema.js'

export type Database = Kysely<DB>
export type DatabaseTransaction = Transaction<DB>

export type DatabaseHandle = {
  db: Database
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

/**
 * Both engines hand back the same JavaScript types: int8 as number (counts,
 * sequence numbers stay far below 2^53), numeric as string (money is never a float),
 * timestamps as Date, bytea as Buffer.
 */
const INT8 = 20
const NUMERIC = 1700
const BYTEA = 17

pg.types.setTypeParser(INT8, (value) => Number(value))

export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize })
  // An idle connection dropped by the server is removed from the pool; the next query opens another.
  pool.on('error', () => {})
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
    plugins: [new RefuseEmptyUpdatePlugin()],
  })
  const feed = postgresChangeFeed(url)
  attachChangeFeed(db, feed)
  return {
    db,
    kind: 'postgres',
    close: async () => {
      await feed.close()
      await db.destroy()
    },
  }
}

/** Embedded PostgreSQL: files under dataDir, or in memory when dataDir is undefined. */
export async function openPGlite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<DatabaseHandle> {
  if (dataDir) await mkdir(path.dirname(dataDir), { recursive: true })
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: {
      [INT8]: (value: string) => Number(value),
      [NUMERIC]: (value: string) => value,
      [BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
    },
  })
  const db = new Kysely<DB>({
    dialect: new PGliteDialect(pglite),
    plugins: [new RefuseEmptyUpdatePlugin()],
  })
  const feed = pgliteChangeFeed(pglite)
  attachChangeFeed(db, feed)
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await feed.close()
      await db.destroy()
      await pglite.close()
    },
  }
}

export function embeddedDatabaseDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata')
}
