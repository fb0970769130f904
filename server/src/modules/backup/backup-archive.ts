import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { SecretBox } from '../../security/secret-box.js'

/**
 * The backup file (OPS-1): a line of magic, a line of JSON manifest, then
 * the contents — gzip'd JSON, encrypted with AES-256-GCM under a key made
 * for this backup alone. That key travels in the manifest sealed by the
 * master key, so a backup opens only where the master key is. The manifest
 * holds no personal data: ids, counts, digests.
 */
const MAGIC = 'CUSTODIA-BACKUP/1'

export type BackupContents = {
  /** Rows per table, as `row_to_json` gives them, tables in restore order. */
  tables: { name: string; rows: unknown[] }[]
}

export type Manifest = {
  format: typeof MAGIC
  id: string
  createdAt: string
  migrations: string[]
  counts: Record<string, number>
  /** SHA-256 of the plain (gzip'd) contents. */
  sha256: string
  key: string
  iv: string
  tag: string
}

export function sealArchive(
  contents: BackupContents,
  meta: { createdAt: Date; migrations: string[] },
  secrets: SecretBox,
): Buffer {
  const id = randomUUID()
  const plain = gzipSync(Buffer.from(JSON.stringify(contents)))
  const key = randomBytes(32)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(`${MAGIC}:${id}`))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  const manifest: Manifest = {
    format: MAGIC,
    id,
    createdAt: meta.createdAt.toISOString(),
    migrations: meta.migrations,
    counts: Object.fromEntries(contents.tables.map((t) => [t.name, t.rows.length])),
    sha256: createHash('sha256').update(plain).digest('hex'),
    key: secrets.seal(key.toString('base64'), `backup:${id}`),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  }
  return Buffer.concat([Buffer.from(`${MAGIC}\n${JSON.stringify(manifest)}\n`), body])
}

export class BackupCorruptError extends Error {}

export function readManifest(file: Buffer): { manifest: Manifest; body: Buffer } {
  const first = file.indexOf(0x0a)
  const second = file.indexOf(0x0a, first + 1)
  if (first < 0 || second < 0 || file.subarray(0, first).toString() !== MAGIC) {
    throw new BackupCorruptError('not a Custodia backup')
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse(file.subarray(first + 1, second).toString()) as Manifest
  } catch {
    throw new BackupCorruptError('the manifest is damaged')
  }
  return { manifest, body: file.subarray(second + 1) }
}

/** Decrypts and checks the contents; any change to the file fails here. */
export function openArchive(
  file: Buffer,
  secrets: SecretBox,
): { manifest: Manifest; contents: BackupContents } {
  const { manifest, body } = readManifest(file)
  try {
    const key = Buffer.from(secrets.open(manifest.key, `backup:${manifest.id}`), 'base64')
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(manifest.iv, 'base64'))
    decipher.setAAD(Buffer.from(`${MAGIC}:${manifest.id}`))
    decipher.setAuthTag(Buffer.from(manifest.tag, 'base64'))
    const plain = Buffer.concat([decipher.update(body), decipher.final()])
    if (createHash('sha256').update(plain).digest('hex') !== manifest.sha256) {
      throw new BackupCorruptError('the contents do not match their digest')
    }
    return { manifest, contents: JSON.parse(gunzipSync(plain).toString()) as BackupContents }
  } catch (error) {
    if (error instanceof BackupCorruptError) throw error
    throw new BackupCorruptError('the contents cannot be opened: damaged, or another master key')
  }
}
