import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { blindIndex } from './blind-index.js'
import { DecryptionError, SUITES } from './cipher-suites.js'
import { newDataKey, openField, sealField, unwrapDataKey, wrapDataKey } from './envelope.js'
import { randomBytesFromPool } from './random-pool.js'

describe.each(Object.values(SUITES))('cipher suite $name (CLS-2)', (suite) => {
  const masterKey = randomBytes(32)
  const dataKey = newDataKey()
  const address = { customerId: 'c-1', field: 'idNumber', keyVersion: 1 }

  it('seals and opens a value, with a fresh nonce every time', () => {
    const a = sealField(suite, dataKey, address, '110101199003071234')
    const b = sealField(suite, dataKey, address, '110101199003071234')
    expect(a.equals(b)).toBe(false)
    expect(a.toString('latin1')).not.toContain('110101199003071234')
    expect(openField(dataKey, address, a)).toBe('110101199003071234')
    expect(
      openField(
        dataKey,
        { ...address, field: 'name' },
        sealField(suite, dataKey, { ...address, field: 'name' }, '张三'),
      ),
    ).toBe('张三')
  })

  it('refuses a ciphertext moved to another customer, another field or another key version', () => {
    const sealed = sealField(suite, dataKey, address, '13800138000')
    expect(() => openField(dataKey, { ...address, customerId: 'c-2' }, sealed)).toThrow(
      DecryptionError,
    )
    expect(() => openField(dataKey, { ...address, field: 'mobile' }, sealed)).toThrow(
      DecryptionError,
    )
    expect(() => openField(dataKey, { ...address, keyVersion: 2 }, sealed)).toThrow(DecryptionError)
    expect(() => openField(newDataKey(), address, sealed)).toThrow(DecryptionError)
  })

  it('detects any flipped bit', () => {
    const sealed = sealField(suite, dataKey, address, '6222020200112233445')
    for (const position of [0, 1, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed)
      tampered[position] = (tampered[position] ?? 0) ^ 0x01
      expect(() => openField(dataKey, address, tampered)).toThrow(DecryptionError)
    }
  })

  it('wraps a data key under the master key, bound to its customer and master key id', () => {
    const wrapped = wrapDataKey(suite, masterKey, 'mk-1', 'c-1', dataKey)
    expect(unwrapDataKey(masterKey, 'mk-1', 'c-1', wrapped).equals(dataKey)).toBe(true)
    expect(() => unwrapDataKey(masterKey, 'mk-1', 'c-2', wrapped)).toThrow(DecryptionError)
    expect(() => unwrapDataKey(masterKey, 'mk-2', 'c-1', wrapped)).toThrow(DecryptionError)
    expect(() => unwrapDataKey(randomBytes(32), 'mk-1', 'c-1', wrapped)).toThrow(DecryptionError)
  })

  it('makes blind indexes that match equal values per field and reveal nothing else (CLS-5)', () => {
    const indexKey = randomBytes(32)
    const a = blindIndex(suite, indexKey, 'mobile', '13800138000')
    expect(blindIndex(suite, indexKey, 'mobile', '13800138000')).toBe(a)
    expect(blindIndex(suite, indexKey, 'phone', '13800138000')).not.toBe(a)
    expect(blindIndex(suite, randomBytes(32), 'mobile', '13800138000')).not.toBe(a)
    expect(a).not.toContain('13800138000')
  })
})

describe('suites side by side', () => {
  it('opens values sealed by either suite with the same key', () => {
    const key = newDataKey()
    const address = { customerId: 'c-9', field: 'email', keyVersion: 1 }
    expect(openField(key, address, sealField(SUITES.sm, key, address, 'li@example.cn'))).toBe(
      'li@example.cn',
    )
    expect(
      openField(key, address, sealField(SUITES['aes-gcm'], key, address, 'li@example.cn')),
    ).toBe('li@example.cn')
  })
})

describe('the random pool', () => {
  it('never hands out the same bytes twice, across refills', () => {
    const seen = new Set<string>()
    // 12-byte nonces over several 64 KiB refills.
    for (let i = 0; i < 20_000; i++) seen.add(randomBytesFromPool(12).toString('hex'))
    expect(seen.size).toBe(20_000)
    const key = randomBytesFromPool(32)
    expect(key).toHaveLength(32)
    expect(key.equals(Buffer.alloc(32))).toBe(false)
  })
})
