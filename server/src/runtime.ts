import { mkdir } from 'node:fs/promises'
import { sealForShutdown } from './audit/seal-and-watch.js'
import { ensureSigningKey, loadSigner, withWitness } from './audit/signing-key.js'
import { ensureWitnessLog, openWitnessLog } from './audit/witness-log.js'
import type { Config } from './config.js'
import {
  type DatabaseHandle,
  embeddedDatabaseDir,
  openPGlite,
  openPostgres,
} from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { reconcileLedger } from './modules/destruction/index.js'
import { systemClock } from './platform/clock.js'
import { type DataDirLock, lockDataDir } from './platform/data-dir-lock.js'
import type { AppDeps } from './platform/deps.js'
import { runExclusive } from './platform/jobs.js'
import { loadKeyring } from './security/keys/keyring.js'
import { createFileKeyProvider } from './security/keys/master-key-provider.js'
import { nextKeyFile, settleInterruptedRotation } from './security/keys/rotate-master-key.js'
import { ensureMasterKeyFile, readMasterKey } from './security/master-key.js'
import { createSecretBox, type SecretBox } from './security/secret-box.js'
import { createVault, type Vault } from './security/vault.js'

export type Runtime = { deps: AppDeps; handle: DatabaseHandle; close(): Promise<void> }

/**
 * Opens what every command needs: the data directory and its keys, the
 * database (embedded under the data directory unless DATABASE_URL is set,
 * locked to this process when embedded) with migrations applied.
 */
export async function openRuntime(config: Config): Promise<Runtime> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 })
  await settleInterruptedRotation(config.masterKeyFile)
  await ensureMasterKeyFile(config.masterKeyFile)
  const masterKey = await readMasterKey(config.masterKeyFile)
  await ensureSigningKey(config.dataDir)
  // AUD-2: every checkpoint this process signs also goes to the witness log, outside the database.
  await ensureWitnessLog(config.auditWitnessFile)
  const auditSigner = withWitness(
    await loadSigner(config.dataDir),
    openWitnessLog(config.auditWitnessFile),
  )

  let lock: DataDirLock | undefined
  let handle: DatabaseHandle
  if (config.databaseUrl) {
    handle = await openPostgres(config.databaseUrl)
  } else {
    lock = await lockDataDir(config.dataDir)
    try {
      handle = await openPGlite(embeddedDatabaseDir(config.dataDir))
    } catch (error) {
      await lock.release()
      throw error
    }
  }
  const close = async () => {
    // Seal what this process wrote, so the trail verifies right after it stops.
    await runExclusive(handle.db, 'audit-sealer', (db) =>
      sealForShutdown(db, auditSigner, systemClock),
    ).catch(() => false)
    await handle.close()
    await lock?.release()
  }
  let vault: Vault
  let secrets: SecretBox
  try {
    await migrateToLatest(handle.db)
    // A rotation in progress: rows may be wrapped by either key.
    const pending = await readMasterKey(nextKeyFile(config.masterKeyFile)).catch(() => null)
    const keyring = await loadKeyring(
      handle.db,
      (suite) => createFileKeyProvider(suite, masterKey, pending ? [pending] : []),
      config.cipherSuite,
    )
    vault = createVault(keyring)
    // CLS-2: system secrets and backups are sealed with the suite chosen at set-up, too.
    secrets = createSecretBox(masterKey, keyring.suite)
    // RET-2: a destruction committed just before a stop reaches the ledger now.
    await reconcileLedger(handle.db, config.dataDir)
  } catch (error) {
    await close()
    throw error
  }
  return {
    deps: { config, db: handle.db, clock: systemClock, secrets, auditSigner, vault },
    handle,
    close,
  }
}
