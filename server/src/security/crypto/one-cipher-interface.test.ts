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
const SERVER = path.resolve(SOURCE, '..')
const ALLOWED = path.join('security', 'crypto', 'cipher-suites.ts')
/** Node's cipher calls and cipher names ('aes-gcm', the suite's name, is not one). */
const CIPHER_CALL =
  /createCipheriv|createDecipheriv|publicEncrypt|privateDecrypt|subtle\.encrypt|['"](?:aes-\d{3}|sm4-|chacha20|des-)/i

/**
 * What code outside server/src/security may take from node:crypto (deny by
 * default: ciphers, key derivation, keyed hashes and key material — randomBytes,
 * hkdf, scrypt, createHmac, … — are security/'s alone), and why.
 */
const ALLOWED_OUTSIDE_SECURITY: Record<string, { why: string; only?: string }> = {
  randomUUID: { why: 'identifiers that are no secret: requests, customers, backups' },
  hash: { why: 'unkeyed digests of the audit chain, SHA-256 as docs/audit-format.md fixes' },
  createHash: { why: 'unkeyed digests of the audit chain and its witness log' },
  // The audit trail's checkpoints are signed with Ed25519 so that anyone verifies
  // them without a secret and without knowing the installation's cipher suite.
  createPrivateKey: { why: 'checkpoint signing key', only: 'src/audit/signing-key.ts' },
  createPublicKey: { why: 'checkpoint verification key', only: 'src/audit/signing-key.ts' },
  generateKeyPairSync: { why: 'checkpoint signing key', only: 'src/audit/signing-key.ts' },
  KeyObject: { why: 'checkpoint signing key', only: 'src/audit/signing-key.ts' },
  sign: { why: 'checkpoint signatures', only: 'src/audit/signing-key.ts' },
  verify: { why: 'checkpoint signatures', only: 'src/audit/signing-key.ts' },
}
/** Tests may draw random bytes (test keys, unique names) besides. */
const ALLOWED_IN_TESTS: Record<string, { why: string; only?: string }> = {
  ...ALLOWED_OUTSIDE_SECURITY,
  randomBytes: { why: 'test master keys and unique names' },
  // Writes a format-1 backup with Node's crypto directly, as the code of
  // that time did, so the compatibility test does not lean on the code it checks.
  createCipheriv: { why: 'format-1 archive', only: 'src/modules/backup/backup-suite.test.ts' },
  hkdfSync: { why: 'format-1 archive', only: 'src/modules/backup/backup-suite.test.ts' },
}

const NODE_CRYPTO_IMPORT =
  /import\s+(type\s+)?([\w*\s{},]*?)\s*from\s*['"](?:node:)?crypto['"]|(?:require|import)\(\s*['"](?:node:)?crypto['"]\s*\)/g

async function files(dir: string, include: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const found = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory())
        return ['node_modules', 'dist'].includes(entry.name) ? [] : files(full, include)
      return include(entry.name) ? [full] : []
    }),
  )
  return found.flat()
}

const sourceFiles = (dir: string) =>
  files(dir, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))

/** The names a file imports from node:crypto; `*` for a namespace, default or dynamic import. */
function cryptoImports(text: string): string[] {
  const names: string[] = []
  for (const match of text.matchAll(NODE_CRYPTO_IMPORT)) {
    const clause = match[2]
    if (clause === undefined || !clause.trim().startsWith('{')) {
      names.push('*')
      continue
    }
    for (const part of clause.replace(/[{}]/g, '').split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
      if (name) names.push(name)
    }
  }
  return names
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

  it('reads the imports of node:crypto', () => {
    expect(cryptoImports("import { createCipheriv, type KeyObject } from 'node:crypto'")).toEqual([
      'createCipheriv',
      'KeyObject',
    ])
    expect(cryptoImports("import {\n  hkdfSync as derive,\n} from 'crypto'")).toEqual(['hkdfSync'])
    expect(cryptoImports("import * as crypto from 'node:crypto'")).toEqual(['*'])
    expect(cryptoImports("const c = await import('node:crypto')")).toEqual(['*'])
    expect(cryptoImports("import { gzipSync } from 'node:zlib'")).toEqual([])
  })

  it('no file of the server outside security/ imports a cipher, key derivation or key material from node:crypto', async () => {
    const all = await files(SERVER, (name) => /\.(?:ts|mts|mjs|js)$/.test(name))
    const offenders: string[] = []
    for (const file of all) {
      const relative = path.relative(SERVER, file)
      if (relative.startsWith(path.join('src', 'security') + path.sep)) continue
      const isTest = /\.test\.ts$/.test(file) || relative.startsWith(`test${path.sep}`)
      const allowed = isTest ? ALLOWED_IN_TESTS : ALLOWED_OUTSIDE_SECURITY
      for (const name of cryptoImports(await readFile(file, 'utf8'))) {
        const rule = allowed[name]
        if (!rule || (rule.only !== undefined && rule.only !== relative.split(path.sep).join('/')))
          offenders.push(`${relative}: ${name}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
