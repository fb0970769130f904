import { randomBytes } from 'node:crypto'
import { buildApp } from '../app.js'
import { ephemeralSigner } from '../audit/signing-key.js'
import { loadConfig } from '../config.js'
import { openPGlite } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { loadKeyring } from '../security/keys/keyring.js'
import { createFileKeyProvider } from '../security/keys/master-key-provider.js'
import { createSecretBox } from '../security/secret-box.js'
import { createVault } from '../security/vault.js'
import { systemClock } from './clock.js'

/**
 * The OpenAPI document of this build, rendered from the routes' zod schemas
 * on a throw-away in-memory database. The web console's API types are
 * generated from it (`npm run api-types`), so they are never written twice.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const handle = await openPGlite(undefined)
  try {
    await migrateToLatest(handle.db)
    const masterKey = randomBytes(32)
    const config = loadConfig({ CUSTODIA_DATA_DIR: '/nonexistent' })
    const keyring = await loadKeyring(
      handle.db,
      (suite) => createFileKeyProvider(suite, masterKey),
      undefined,
    )
    const app = await buildApp({
      config,
      db: handle.db,
      clock: systemClock,
      secrets: createSecretBox(masterKey),
      auditSigner: ephemeralSigner(),
      vault: createVault(keyring),
    })
    await app.ready()
    const document = JSON.stringify(app.swagger(), null, 2)
    await app.close()
    return `${document}\n`
  } finally {
    await handle.close()
  }
}
