import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSecretBox } from './secret-box.js'

describe('sealed system secrets', () => {
  const box = createSecretBox(randomBytes(32))

  it('opens what it sealed, in the same context only', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:a')
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
    expect(box.open(sealed, 'totp:a')).toBe('JBSWY3DPEHPK3PXP')
    expect(() => box.open(sealed, 'totp:b')).toThrow()
  })

  it('detects a changed byte and refuses a different master key', () => {
    const sealed = box.seal('secret', 'ctx')
    const parts = sealed.split('.')
    const body = Buffer.from(parts[2] ?? '', 'base64')
    body[0] = (body[0] ?? 0) ^ 1
    parts[2] = body.toString('base64')
    expect(() => box.open(parts.join('.'), 'ctx')).toThrow()
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'ctx')).toThrow()
  })
})
