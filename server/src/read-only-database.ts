import { stat } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import type { Config } from './config.js'
import { type Database, embeddedDatabaseDir, openPGlite, openPostgres } from './db/database.js'
import { type DataDirLock, lockDataDir } from './platform/data-dir-lock.js'

export type ReadOnlyDatabase = { db: Database; close(): Promise<void> }

export class NoDatabaseError extends Error {}

/**
 * Opens the database for commands that only read (AUD-2: verification never
 * seals, signs or writes). Unlike openRuntime it applies no migration,
 * creates no key, settles nothing, starts no sealer and signs nothing when it
 * closes; and the session itself is read-only, so the database refuses any
 * write this process might still attempt.
 */
export async function openReadOnly(config: Config): Promise<ReadOnlyDatabase> {
  if (config.databaseUrl) {
    const handle = await openPostgres(readOnlyUrl(config.databaseUrl), 2)
    try {
      await requireSchema(handle.db)
    } catch (error) {
      await handle.close()
      throw error
    }
    return handle
  }
  const dir = embeddedDatabaseDir(config.dataDir)
  try {
    await stat(path.join(dir, 'PG_VERSION'))
  } catch {
    throw new NoDatabaseError(`there is no Custodia database in ${config.dataDir}`)
  }
  // The embedded database still belongs to one process at a time.
  const lock: DataDirLock = await lockDataDir(config.dataDir)
  try {
    const handle = await openPGlite(dir)
    const close = async () => {
      await handle.close()
      await lock.release()
    }
    try {
      // PGlite is one session: this holds for every statement that follows.
      await sql`set default_transaction_read_only = on`.execute(handle.db)
      await requireSchema(handle.db)
    } catch (error) {
      await close()
      throw error
    }
    return { db: handle.db, close }
  } catch (error) {
    await lock.release()
    throw error
  }
}

/** Every session of the pool starts read-only (libpq's `options`). */
function readOnlyUrl(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('options', '-c default_transaction_read_only=on')
  return parsed.toString()
}

async function requireSchema(db: Database): Promise<void> {
  const { rows } = await sql<{
    found: string | null
  }>`select to_regclass('public.audit_checkpoints')::text as found`.execute(db)
  if (!rows[0]?.found)
    throw new NoDatabaseError(
      'the database holds no Custodia audit trail (run custodia migrate first)',
    )
}
