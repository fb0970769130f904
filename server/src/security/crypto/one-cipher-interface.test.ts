import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * CLS-2: every encryption of the product goes through the
 * one cipher-suite interface (cipher-suites.ts), so the suite chosen at
 * set-up reaches it. A module that calls Node's ciphers itself would seal
 * with AES whatever the choice: this test finds it.
 */
const SOURCE = path.resolve(import.meta.dirname, '../..')
const ALLOWED = path.join('security', 'crypto', 'cipher-suites.ts')
/** Node's cipher calls and cipher names ('aes-gcm', the suite's name, is not one). */
const CIPHER_CALL =
  /createCipheriv|createDecipheriv|publicEncrypt|privateDecrypt|subtle\.encrypt|['"](?:aes-\d{3}|sm4-|chacha20|des-)/i

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) return sourceFiles(full)
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
    }),
  )
  return files.flat()
}

describe('one cipher-suite interface serves every encryption (CLS-2)', () => {
  it('no module but the cipher suites calls a cipher of its own', async () => {
    const offenders: string[] = []
    for (const file of await sourceFiles(SOURCE)) {
      if (path.relative(SOURCE, file) === ALLOWED) continue
      if (CIPHER_CALL.test(await readFile(file, 'utf8')))
        offenders.push(path.relative(SOURCE, file))
    }
    expect(offenders).toEqual([])
  })
})
