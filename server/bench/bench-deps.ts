import { tmpdir } from 'node:os'
import { ephemeralSigner } from '../src/audit/signing-key.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/database.js'
import { systemClock } from '../src/platform/clock.js'
import type { AppDeps } from '../src/platform/deps.js'
import { loadKeyring } from '../src/security/keys/keyring.js'
import { createFileKeyProvider } from '../src/security/keys/master-key-provider.js'
import { createSecretBox } from '../src/security/secret-box.js'
import { createVault } from '../src/security/vault.js'

/** The app's dependencies over a migrated benchmark database, as main builds them. */
export async function benchDeps(db: Database, env: Record<string, string> = {}): Promise<AppDeps> {
  const config = loadConfig({
    CUSTODIA_DATA_DIR: tmpdir(),
    CUSTODIA_MFA_REQUIRED_ROLES: '',
    ...env,
  })
  const masterKey = Buffer.alloc(32, 7)
  const keyring = await loadKeyring(
    db,
    (suite) => createFileKeyProvider(suite, masterKey),
    config.cipherSuite,
  )
  return {
    config,
    db,
    clock: systemClock,
    secrets: createSecretBox(masterKey),
    auditSigner: ephemeralSigner(),
    vault: createVault(keyring),
  }
}
