import { Readable } from 'node:stream'
import type { Database } from '../../db/database.js'
import type { SecretBox } from '../../security/secret-box.js'

/**
 * An uploaded file, kept for the length of its import (issue 18 §1): in the
 * database, so that any server process can resume the job after a restart,
 * as chunks sealed with the installation's cipher suite, each bound to its
 * import and place — a chunk moved to another import or place does not
 * open. Nothing of the file is written anywhere in plain; the chunks are
 * deleted when the job ends, or when it expires.
 */
const CHUNK_BYTES = 256 * 1024

const chunkContext = (importId: string, seq: number) => `custodia/import-file/v1:${importId}:${seq}`

/** Stores the bytes of `source` as the file of import `importId`; answers its size. */
export async function storeImportFile(
  db: Database,
  secrets: SecretBox,
  importId: string,
  source: AsyncIterable<Uint8Array>,
): Promise<number> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  let seq = 0
  let total = 0
  const flush = async () => {
    if (pendingBytes === 0) return
    const chunk = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    await db
      .insertInto('import_file_chunks')
      .values({
        import_id: importId,
        seq,
        sealed: secrets.sealBytes(chunk, chunkContext(importId, seq)),
      })
      .execute()
    seq += 1
  }
  for await (const part of source) {
    const bytes = Buffer.from(part)
    pending.push(bytes)
    pendingBytes += bytes.length
    total += bytes.length
    if (pendingBytes >= CHUNK_BYTES) await flush()
  }
  await flush()
  return total
}

/** The file of import `importId`, streamed back chunk by chunk, opened as it is read. */
export function importFileStream(db: Database, secrets: SecretBox, importId: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const row = await db
        .selectFrom('import_file_chunks')
        .select('sealed')
        .where('import_id', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirst()
      if (!row) return
      yield secrets.openBytes(row.sealed, chunkContext(importId, seq))
    }
  }
  return Readable.from(chunks(), { objectMode: false })
}

/** The first bytes of the file (at most `bytes`), and whether they are the whole file. */
export async function importFileStart(
  db: Database,
  secrets: SecretBox,
  importId: string,
  bytes: number,
): Promise<{ sample: Buffer; wholeFile: boolean }> {
  const parts: Buffer[] = []
  let length = 0
  const stream = importFileStream(db, secrets, importId)
  for await (const part of stream) {
    parts.push(part as Buffer)
    length += (part as Buffer).length
    if (length >= bytes) {
      stream.destroy()
      return { sample: Buffer.concat(parts).subarray(0, bytes), wholeFile: false }
    }
  }
  return { sample: Buffer.concat(parts), wholeFile: true }
}

export async function deleteImportFile(db: Database, importId: string): Promise<void> {
  await db.deleteFrom('import_file_chunks').where('import_id', '=', importId).execute()
}
