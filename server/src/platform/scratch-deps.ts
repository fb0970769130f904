import { ephemeralSigner } from '../audit/signing-key.js'
import { loadConfig } from '../config.js'
import type { Database } from '../db/database.js'
import { loadKeyring } from '../security/keys/keyring.js'
import { createFileKeyProvider } from '../security/keys/master-key-provider.js'
import { newMasterKey } from '../security/master-key.js'
import { createSecretBox } from '../security/secret-box.js'
import { createVault } from '../security/vault.js'
import type { Clock } from './clock.js'
import { systemClock } from './clock.js'
import type { AppDeps } from './deps.js'

/**
 * The app's dependencies over a migrated database with keys that live only
 * in memory: for tests, benchmarks and rendering the OpenAPI document —
 * never for data anyone keeps.
 */
export async function scratchDeps(
  db: Database,
  env: Record<string, string | undefined> = {},
  options: { masterKey?: Buffer; clock?: Clock } = {},
): Promise<AppDeps> {
  const config = loadConfig({
    CUSTODIA_DATA_DIR: '/nonexistent',
    CUSTODIA_MFA_REQUIRED_ROLES: '',
    ...env,
  })
  const masterKey = options.masterKey ?? newMasterKey()
  const keyring = await loadKeyring(
    db,
    (suite) => createFileKeyProvider(suite, masterKey),
    config.cipherSuite,
  )
  return {
    config,
    db,
    clock: options.clock ?? systemClock,
    secrets: createSecretBox(masterKey, keyring.suite),
    auditSigner: ephemeralSigner(),
    vault: createVault(keyring),
  }
}
