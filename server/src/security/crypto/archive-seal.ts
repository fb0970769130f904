import type { SecretBox } from '../secret-box.js'
import { SUITES, type SuiteName, suiteOf } from './cipher-suites.js'
import { randomBytesFromPool } from './random-pool.js'

/**
 * The encryption of a backup archive (OPS-1, CLS-2): the contents sealed by
 * the installation's cipher suite under a key made for this archive alone;
 * that key travels sealed by the secret box (the master key, same suite), so
 * an archive opens only where the master key is. The sealed bytes start with
 * the code byte of the suite that sealed them, so an archive opens whichever
 * suite the installation now uses.
 *
 * What the archive looks like around the sealed bytes (magic line, manifest)
 * is modules/backup/backup-archive.ts; what binds the bytes to that frame —
 * associated data `<format>:<id>`, the key's context `backup:<id>` — is here.
 * These bytes are stored in archives people keep: never change them, add a
 * format.
 */

/** What the sealed contents are bound to: the archive's format (its magic) and its id. */
export type ArchiveBinding = { format: string; id: string }

/** What the manifest carries for opening: the sealing suite, the plain digest, the sealed key. */
export type ArchiveSeal = {
  suite: SuiteName
  /** The suite's digest (SHA-256 or SM3, hex) of the plain contents. */
  digest: string
  /** The archive key, sealed by the secret box. */
  key: string
}

/** Format 1 (before the suite reached backups): AES-256-GCM, nonce and tag kept apart, base64. */
export type LegacyArchiveSeal = { digest: string; key: string; iv: string; tag: string }

/** Why sealed contents did not open, beyond a failed authentication (DecryptionError). */
export class ArchiveSealError extends Error {
  constructor(readonly reason: 'suite-mismatch' | 'digest-mismatch') {
    super(reason === 'suite-mismatch' ? 'sealed by another suite' : 'digest mismatch')
    this.name = 'ArchiveSealError'
  }
}

const contentsAad = ({ format, id }: ArchiveBinding) => Buffer.from(`${format}:${id}`)
const keyContext = ({ id }: ArchiveBinding) => `backup:${id}`

export function isSuiteName(name: unknown): name is SuiteName {
  return typeof name === 'string' && Object.hasOwn(SUITES, name)
}

export function sealArchiveContents(
  secrets: SecretBox,
  binding: ArchiveBinding,
  plain: Buffer,
): { seal: ArchiveSeal; sealed: Buffer } {
  const suite = secrets.suite
  const key = randomBytesFromPool(suite.keyBytes)
  const sealed = suite.seal(key, plain, contentsAad(binding))
  return {
    seal: {
      suite: suite.name,
      digest: suite.digest(plain),
      key: secrets.seal(key.toString('base64'), keyContext(binding)),
    },
    sealed,
  }
}

/**
 * The plain contents, authenticated, sealed by the suite `seal` names and
 * matching its digest. Throws DecryptionError (damaged, or another master
 * key) or ArchiveSealError.
 */
export function openArchiveContents(
  secrets: SecretBox,
  binding: ArchiveBinding,
  seal: ArchiveSeal,
  sealed: Buffer,
): Buffer {
  const key = openArchiveKey(secrets, binding, seal.key)
  const suite = suiteOf(sealed)
  if (suite.name !== seal.suite) throw new ArchiveSealError('suite-mismatch')
  return checkDigest(suite.digest, suite.open(key, sealed, contentsAad(binding)), seal.digest)
}

/** Format 1's contents: the same bytes as an AES-GCM suite seal, with nonce and tag apart. */
export function openLegacyArchiveContents(
  secrets: SecretBox,
  binding: ArchiveBinding,
  seal: LegacyArchiveSeal,
  body: Buffer,
): Buffer {
  const key = openArchiveKey(secrets, binding, seal.key)
  const suite = SUITES['aes-gcm']
  const sealed = Buffer.concat([
    Buffer.from([suite.code]),
    Buffer.from(seal.iv, 'base64'),
    body,
    Buffer.from(seal.tag, 'base64'),
  ])
  return checkDigest(suite.digest, suite.open(key, sealed, contentsAad(binding)), seal.digest)
}

function openArchiveKey(secrets: SecretBox, binding: ArchiveBinding, sealedKey: string): Buffer {
  return Buffer.from(secrets.open(sealedKey, keyContext(binding)), 'base64')
}

function checkDigest(digest: (data: Buffer) => string, plain: Buffer, expected: string): Buffer {
  if (digest(plain) !== expected) throw new ArchiveSealError('digest-mismatch')
  return plain
}
