import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { migrateToLatest } from '../../db/migrate.js'
import type { SecretBox } from '../../security/secret-box.js'
import { redoLedgerDestructions } from '../destruction/index.js'
import { type Manifest, openArchive, sealArchive } from './backup-archive.js'
import { dumpDatabase, loadDatabase } from './backup-database.js'

async function appliedMigrations(db: Database): Promise<string[]> {
  const { rows } = await sql<{
    name: string
  }>`select name from schema_migrations order by name`.execute(db)
  return rows.map((r) => r.name)
}

/** `custodia backup create`: the whole database as one encrypted archive (OPS-1). */
export async function createBackup(db: Database, secrets: SecretBox, now: Date): Promise<Buffer> {
  const contents = await dumpDatabase(db)
  return sealArchive(contents, { createdAt: now, migrations: await appliedMigrations(db) }, secrets)
}

export type RestoreReport = { manifest: Manifest; destroyedAgain: number }

/**
 * `custodia backup restore`: into a database with no customer yet. The
 * archive is opened (the master key must be here), the schema migrated to
 * this version — which must be the backup's — and the rows loaded. Then every
 * destruction of the ledger is carried out again: a customer destroyed after
 * the backup was taken comes back without key, values or tokens (RET-2).
 */
export async function restoreBackup(
  db: Database,
  secrets: SecretBox,
  file: Buffer,
  dataDir: string,
): Promise<RestoreReport> {
  const { manifest, contents } = openArchive(file, secrets)
  await migrateToLatest(db)
  const migrations = await appliedMigrations(db)
  if (migrations.join() !== manifest.migrations.join()) {
    throw new Error(
      `the backup was made by another version (migrations ${manifest.migrations.at(-1)}, here ${migrations.at(-1)})`,
    )
  }
  const existing = await db.selectFrom('customers').select('id').limit(1).execute()
  if (existing.length > 0)
    throw new Error('the database already holds customers: restore into an empty one')
  await loadDatabase(db, contents)
  return { manifest, destroyedAgain: await redoLedgerDestructions(db, dataDir) }
}
