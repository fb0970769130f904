import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { SUITES } from './crypto/cipher-suites.js'
import { createSecretBox } from './secret-box.js'

describe.each(Object.values(SUITES))('sealed system secrets, $name suite', (suite) => {
  const masterKey = randomBytes(32)
  const box = createSecretBox(masterKey, suite)

  it('opens what it sealed, in the same context only', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:a')
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
    expect(box.open(sealed, 'totp:a')).toBe('JBSWY3DPEHPK3PXP')
    expect(() => box.open(sealed, 'totp:b')).toThrow()
  })

  it('detects a changed byte and refuses a different master key', () => {
    const sealed = box.seal('secret', 'ctx')
    const [version, body] = sealed.split('.')
    for (const position of [1, 20, -1]) {
      const bytes = Buffer.from(body ?? '', 'base64')
      const at = position < 0 ? bytes.length + position : position
      bytes[at] = (bytes[at] ?? 0) ^ 1
      expect(() => box.open(`${version}.${bytes.toString('base64')}`, 'ctx')).toThrow()
    }
    expect(() => createSecretBox(randomBytes(32), suite).open(sealed, 'ctx')).toThrow()
    expect(() => box.open('v3.AAAA', 'ctx')).toThrow()
  })

  it('seals with its own suite, and says so in the first byte', () => {
    const sealed = Buffer.from(box.seal('secret', 'ctx').split('.')[1] ?? '', 'base64')
    expect(sealed[0]).toBe(suite.code)
  })

  it('opens a value sealed by the other suite (the installation keeps older seals readable)', () => {
    const other = Object.values(SUITES).find((s) => s !== suite)
    if (!other) throw new Error('two suites expected')
    const sealed = createSecretBox(masterKey, other).seal('JBSWY3DPEHPK3PXP', 'totp:a')
    expect(box.open(sealed, 'totp:a')).toBe('JBSWY3DPEHPK3PXP')
  })

  it('opens a v1 secret, sealed with AES-256-GCM before the suite reached system secrets', () => {
    // The v1 form exactly as it was written: HKDF-SHA256 key, iv.body.tag in base64.
    const key = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'custodia/system-secrets/v1', 32),
    )
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(Buffer.from('totp:a'))
    const body = Buffer.concat([cipher.update('JBSWY3DPEHPK3PXP', 'utf8'), cipher.final()])
    const v1 = ['v1', iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.')
    expect(box.open(v1, 'totp:a')).toBe('JBSWY3DPEHPK3PXP')
    expect(() => box.open(v1, 'totp:b')).toThrow()
  })
})
