import { randomBytes } from 'node:crypto'
import { ConfigError } from '../../config.js'
import type { Database } from '../../db/database.js'
import { type CipherSuite, SUITES, type SuiteName } from '../crypto/cipher-suites.js'
import type { MasterKeyProvider } from './master-key-provider.js'

/** What the vault needs: the suite chosen at set-up, the master key provider, the blind-index key. */
export type Keyring = {
  suite: CipherSuite
  provider: MasterKeyProvider
  blindIndexKey: Buffer
}

export const BLIND_INDEX_KEY = 'blind-index'
export const systemKeyContext = (name: string) => `system:${name}`

/**
 * Loads the keyring, creating on first start what does not exist yet: the
 * suite setting and the blind-index key. The blind-index key is its own key
 * (wrapped by the master key), so a master key rotation does not change a
 * single token. Safe when several processes start at once.
 */
export async function loadKeyring(
  db: Database,
  makeProvider: (suite: CipherSuite) => MasterKeyProvider,
  requestedSuite: SuiteName | undefined,
): Promise<Keyring> {
  await db
    .insertInto('crypto_settings')
    .values({ suite: requestedSuite ?? 'aes-gcm' })
    .onConflict((oc) => oc.doNothing())
    .execute()
  const { suite } = await db.selectFrom('crypto_settings').select('suite').executeTakeFirstOrThrow()
  if (requestedSuite && requestedSuite !== suite) {
    throw new ConfigError(
      'CUSTODIA_CIPHER_SUITE',
      `is ${requestedSuite} but this installation was set up with ${suite}; the suite cannot change`,
    )
  }

  const provider = makeProvider(SUITES[suite])
  const fresh = await provider.wrap(systemKeyContext(BLIND_INDEX_KEY), randomBytes(32))
  await db
    .insertInto('system_keys')
    .values({ name: BLIND_INDEX_KEY, wrapped: fresh.wrapped, master_key_id: fresh.masterKeyId })
    .onConflict((oc) => oc.doNothing())
    .execute()
  const stored = await db
    .selectFrom('system_keys')
    .select(['wrapped', 'master_key_id'])
    .where('name', '=', BLIND_INDEX_KEY)
    .executeTakeFirstOrThrow()
  const blindIndexKey = await provider.unwrap(
    systemKeyContext(BLIND_INDEX_KEY),
    stored.wrapped,
    stored.master_key_id,
  )
  return { suite: SUITES[suite], provider, blindIndexKey }
}
