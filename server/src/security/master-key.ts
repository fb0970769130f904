import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The master key lives outside the database (CLS-2): a 256-bit key in a file
 * readable only by its owner. Created on first start.
 */
export async function ensureMasterKeyFile(file: string): Promise<{ created: boolean }> {
  try {
    await stat(file)
    return { created: false }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  // 'wx' refuses to overwrite a key another process created meanwhile.
  await writeFile(file, `${newMasterKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  await chmod(file, 0o600)
  return { created: true }
}

export async function readMasterKey(file: string): Promise<Buffer> {
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')
  if (key.length !== 32) throw new Error(`The master key file ${file} does not hold a 256-bit key`)
  return key
}

/** A new random 256-bit master key (the file's; or, for scratch dependencies, one kept in memory). */
export function newMasterKey(): Buffer {
  return randomBytes(32)
}
