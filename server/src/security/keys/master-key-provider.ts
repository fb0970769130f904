import { createHash } from 'node:crypto'
import type { CipherSuite } from '../crypto/cipher-suites.js'
import { unwrapDataKey, wrapDataKey } from '../crypto/envelope.js'

/**
 * Holds the master key outside the database and wraps/unwraps the keys kept
 * in it (CLS-2). The file provider is the default; a KMS or HSM plugs in by
 * implementing the same three members — the rest of Custodia only ever sees
 * wrapped keys and key ids.
 */
export type MasterKeyProvider = {
  /** The id of the master key new wraps use. */
  readonly currentKeyId: string
  /** Wraps a key; `context` names its owner (a customer, a system key) and is bound to it. */
  wrap(context: string, plain: Buffer): Promise<{ wrapped: Buffer; masterKeyId: string }>
  /** Unwraps a key wrapped by the master key `masterKeyId`; fails if that key is not held. */
  unwrap(context: string, wrapped: Buffer, masterKeyId: string): Promise<Buffer>
}

/** A stable, public id for a master key: a hash prefix, never the key. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('custodia/master-key-id/v1')
    .update(key)
    .digest('hex')
    .slice(0, 16)
}

export class MasterKeyMissingError extends Error {
  constructor(readonly masterKeyId: string) {
    super(`The master key ${masterKeyId} is not available`)
    this.name = 'MasterKeyMissingError'
  }
}

/**
 * Master keys read from files: `current` wraps; every key given can unwrap
 * (during a rotation both the old and the new key are held).
 */
export function createFileKeyProvider(
  suite: CipherSuite,
  current: Buffer,
  others: Buffer[] = [],
): MasterKeyProvider {
  const keys = new Map([current, ...others].map((key) => [masterKeyId(key), key]))
  const currentKeyId = masterKeyId(current)
  return {
    currentKeyId,
    async wrap(context, plain) {
      return {
        wrapped: wrapDataKey(suite, current, currentKeyId, context, plain),
        masterKeyId: currentKeyId,
      }
    },
    async unwrap(context, wrapped, id) {
      const key = keys.get(id)
      if (!key) throw new MasterKeyMissingError(id)
      return unwrapDataKey(key, id, context, wrapped)
    },
  }
}
