import { describe, expect, it } from 'vitest'
import { generatePassword, hashPassword, meetsPasswordPolicy, verifyPassword } from './passwords.js'

describe('passwords (ACC-4)', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const hash = await hashPassword('Correct-Horse-42')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
    expect(await verifyPassword(hash, 'Correct-Horse-42')).toBe(true)
    expect(await verifyPassword(hash, 'correct-horse-42')).toBe(false)
    expect(await verifyPassword('not a hash', 'x')).toBe(false)
  })

  it.each([
    ['Short-1a', false],
    ['alllowercaseletters', false],
    ['lowercase-and-digits-123', true],
    ['Upper-lower-only', true],
    ['Has-Zhangsan-2026', false],
  ])('policy on %s is %s', (password, ok) => {
    expect(meetsPasswordPolicy(password, 'zhangsan')).toBe(ok)
  })

  it('generates one-time passwords that meet the policy and differ', () => {
    const generated = Array.from({ length: 50 }, () => generatePassword())
    for (const password of generated) expect(meetsPasswordPolicy(password, 'admin')).toBe(true)
    expect(new Set(generated).size).toBe(50)
  })
})
