import { type CipherSuite, DecryptionError, SUITES, suiteOf } from './crypto/cipher-suites.js'

/**
 * Seals small system secrets (TOTP secrets, a backup's archive key) with the
 * installation's cipher suite (CLS-2: SM4 + HMAC-SM3 when `sm` was chosen),
 * under a key derived from the master key, bound by associated data to what
 * they belong to, so a sealed value copied to another account does not open.
 *
 * Stored form: `v2.<base64 of the suite's sealed bytes>`, whose first byte
 * names the suite that sealed it, so a value opens whichever suite wrote it.
 * `v1.<iv>.<body>.<tag>` values, sealed with AES-256-GCM before the suite
 * reached system secrets, still open; `custodia keys rotate` reseals them
 * in the installation's suite.
 */
export type SecretBox = {
  /** The suite new seals use (the installation's). */
  readonly suite: CipherSuite
  seal(plain: string, context: string): string
  open(sealed: string, context: string): string
  /** As seal, for bytes (a chunk of an uploaded file). */
  sealBytes(plain: Uint8Array, context: string): string
  openBytes(sealed: string, context: string): Buffer
}

const LEGACY = 'v1'
const VERSION = 'v2'

export function createSecretBox(masterKey: Buffer, suite: CipherSuite): SecretBox {
  const keys = new Map<CipherSuite, Buffer>()
  const keyFor = (sealer: CipherSuite) => {
    let key = keys.get(sealer)
    if (!key) {
      key = sealer.deriveKey(masterKey, 'custodia/system-secrets/v2')
      keys.set(sealer, key)
    }
    return key
  }
  const aesGcm = SUITES['aes-gcm']
  const legacyKey = aesGcm.deriveKey(masterKey, 'custodia/system-secrets/v1')

  const sealBytes = (plain: Uint8Array, context: string) =>
    `${VERSION}.${suite.seal(keyFor(suite), Buffer.from(plain), Buffer.from(context)).toString('base64')}`
  const openBytes = (stored: string, context: string): Buffer => {
    const [version, ...parts] = stored.split('.')
    const aad = Buffer.from(context)
    if (version === VERSION && parts.length === 1 && parts[0]) {
      const sealed = Buffer.from(parts[0], 'base64')
      const sealer = suiteOf(sealed)
      return sealer.open(keyFor(sealer), sealed, aad)
    }
    if (version === LEGACY && parts.length === 3 && parts.every(Boolean)) {
      // v1 kept nonce, body and tag apart: the same bytes as an AES-GCM suite seal.
      const bytes = parts.map((part) => Buffer.from(part as string, 'base64'))
      const sealed = Buffer.concat([Buffer.from([aesGcm.code]), ...bytes])
      return aesGcm.open(legacyKey, sealed, aad)
    }
    throw new DecryptionError()
  }

  return {
    suite,
    seal: (plain, context) => sealBytes(Buffer.from(plain, 'utf8'), context),
    open: (stored, context) => openBytes(stored, context).toString('utf8'),
    sealBytes,
    openBytes,
  }
}
