import { randomUUID } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import {
  ArchiveSealError,
  isSuiteName,
  openArchiveContents,
  openLegacyArchiveContents,
  sealArchiveContents,
} from '../../security/crypto/archive-seal.js'
import type { SuiteName } from '../../security/crypto/cipher-suites.js'
import type { SecretBox } from '../../security/secret-box.js'

/**
 * The backup file (OPS-1): a line of magic, a line of JSON manifest, then
 * the contents — gzip'd JSON, sealed by the installation's cipher suite
 * (CLS-2: AES-256-GCM, or SM4 + HMAC-SM3 with `sm`) under a key made for
 * this backup alone. That key travels in the manifest sealed by the master
 * key (secret box, same suite), so a backup opens only where the master key
 * is. The manifest holds no personal data: ids, counts, the suite, a digest.
 * This file frames the archive; the sealing is security/crypto/archive-seal.ts.
 *
 * The sealed contents start with the code byte of the suite that sealed
 * them, and the manifest names it too: an archive opens on any installation
 * holding the master key, whichever suite that installation uses — restoring
 * brings the archive's suite setting with it. Archives of format 1 (before
 * the suite reached backups: always AES-256-GCM, nonce and tag in the
 * manifest) still open.
 */
const MAGIC = 'CUSTODIA-BACKUP/2'
const LEGACY_MAGIC = 'CUSTODIA-BACKUP/1'

export type BackupContents = {
  /** Rows per table, as `row_to_json` gives them, tables in restore order. */
  tables: { name: string; rows: unknown[] }[]
}

export type Manifest = {
  format: typeof MAGIC | typeof LEGACY_MAGIC
  id: string
  createdAt: string
  migrations: string[]
  counts: Record<string, number>
  /** The suite that sealed the contents (format 1: always AES-256-GCM). */
  suite: SuiteName
  /** The suite's digest (SHA-256 or SM3, hex) of the plain (gzip'd) contents. */
  digest: string
  key: string
}

/** Format 1 kept the AES-GCM nonce and tag in the manifest and named its digest sha256. */
type LegacyManifest = Omit<Manifest, 'suite' | 'digest'> & {
  sha256: string
  iv: string
  tag: string
}

export function sealArchive(
  contents: BackupContents,
  meta: { createdAt: Date; migrations: string[] },
  secrets: SecretBox,
): Buffer {
  // The archive's id names it in the manifest and the runs list; it is no secret.
  const id = randomUUID()
  const plain = gzipSync(Buffer.from(JSON.stringify(contents)))
  const { seal, sealed } = sealArchiveContents(secrets, { format: MAGIC, id }, plain)
  const manifest: Manifest = {
    format: MAGIC,
    id,
    createdAt: meta.createdAt.toISOString(),
    migrations: meta.migrations,
    counts: Object.fromEntries(contents.tables.map((t) => [t.name, t.rows.length])),
    suite: seal.suite,
    digest: seal.digest,
    key: seal.key,
  }
  return Buffer.concat([Buffer.from(`${MAGIC}\n${JSON.stringify(manifest)}\n`), sealed])
}

export class BackupCorruptError extends Error {}

const SEAL_ERRORS: Record<ArchiveSealError['reason'], string> = {
  'suite-mismatch': 'the contents are not sealed by the suite the manifest names',
  'digest-mismatch': 'the contents do not match their digest',
}

type Read = { manifest: Manifest; body: Buffer; legacy?: LegacyManifest }

export function readManifest(file: Buffer): Read {
  const first = file.indexOf(0x0a)
  const second = file.indexOf(0x0a, first + 1)
  const magic = first < 0 ? '' : file.subarray(0, first).toString()
  if (second < 0 || (magic !== MAGIC && magic !== LEGACY_MAGIC)) {
    throw new BackupCorruptError('not a Custodia backup')
  }
  let parsed: Manifest | LegacyManifest
  try {
    parsed = JSON.parse(file.subarray(first + 1, second).toString()) as Manifest | LegacyManifest
  } catch {
    throw new BackupCorruptError('the manifest is damaged')
  }
  const body = file.subarray(second + 1)
  if (magic === MAGIC) {
    const manifest = parsed as Manifest
    if (manifest.format !== MAGIC || !isSuiteName(manifest.suite)) {
      throw new BackupCorruptError('the manifest is damaged')
    }
    return { manifest, body }
  }
  const legacy = parsed as LegacyManifest
  const { sha256, iv: _iv, tag: _tag, ...common } = legacy
  return { manifest: { ...common, suite: 'aes-gcm', digest: sha256 }, body, legacy }
}

/** Decrypts and checks the contents; any change to the file fails here. */
export function openArchive(
  file: Buffer,
  secrets: SecretBox,
): { manifest: Manifest; contents: BackupContents } {
  const { manifest, body, legacy } = readManifest(file)
  try {
    const plain = legacy
      ? openLegacyArchiveContents(
          secrets,
          { format: LEGACY_MAGIC, id: manifest.id },
          { digest: legacy.sha256, key: legacy.key, iv: legacy.iv, tag: legacy.tag },
          body,
        )
      : openArchiveContents(secrets, { format: MAGIC, id: manifest.id }, manifest, body)
    return { manifest, contents: JSON.parse(gunzipSync(plain).toString()) as BackupContents }
  } catch (error) {
    if (error instanceof ArchiveSealError) throw new BackupCorruptError(SEAL_ERRORS[error.reason])
    throw new BackupCorruptError('the contents cannot be opened: damaged, or another master key')
  }
}
