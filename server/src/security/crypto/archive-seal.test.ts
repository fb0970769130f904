import { describe, expect, it } from 'vitest'
import { createSecretBox } from '../secret-box.js'
import {
  ArchiveSealError,
  isSuiteName,
  openArchiveContents,
  sealArchiveContents,
} from './archive-seal.js'
import { DecryptionError, SUITES } from './cipher-suites.js'

const masterKey = Buffer.alloc(32, 3)
const plain = Buffer.from('gzip’d contents of a backup')
const binding = { format: 'CUSTODIA-BACKUP/2', id: 'b-1' }

describe.each(Object.values(SUITES))('archive seal with $name (OPS-1, CLS-2)', (suite) => {
  const secrets = createSecretBox(masterKey, suite)

  it('seals with the installation’s suite under a key of its own, and opens', () => {
    const { seal, sealed } = sealArchiveContents(secrets, binding, plain)
    expect(seal.suite).toBe(suite.name)
    expect(sealed[0]).toBe(suite.code)
    expect(seal.digest).toBe(suite.digest(plain))
    expect(sealed.toString('latin1')).not.toContain('contents of a backup')
    expect(openArchiveContents(secrets, binding, seal, sealed)).toEqual(plain)
    const again = sealArchiveContents(secrets, binding, plain)
    expect(again.seal.key).not.toBe(seal.key)
  })

  it('is bound to its archive: another id, format or master key does not open it', () => {
    const { seal, sealed } = sealArchiveContents(secrets, binding, plain)
    for (const other of [
      { ...binding, id: 'b-2' },
      { ...binding, format: 'CUSTODIA-BACKUP/1' },
    ])
      expect(() => openArchiveContents(secrets, other, seal, sealed)).toThrow(DecryptionError)
    const stranger = createSecretBox(Buffer.alloc(32, 4), suite)
    expect(() => openArchiveContents(stranger, binding, seal, sealed)).toThrow(DecryptionError)
  })

  it('refuses a seal that names another suite or another digest', () => {
    const { seal, sealed } = sealArchiveContents(secrets, binding, plain)
    const otherSuite = suite.name === 'sm' ? 'aes-gcm' : 'sm'
    expect(() =>
      openArchiveContents(secrets, binding, { ...seal, suite: otherSuite }, sealed),
    ).toThrow(new ArchiveSealError('suite-mismatch'))
    expect(() => openArchiveContents(secrets, binding, { ...seal, digest: '00' }, sealed)).toThrow(
      new ArchiveSealError('digest-mismatch'),
    )
  })
})

it('knows the suite names', () => {
  expect(isSuiteName('sm')).toBe(true)
  expect(isSuiteName('aes-gcm')).toBe(true)
  expect(isSuiteName('toString')).toBe(false)
  expect(isSuiteName(undefined)).toBe(false)
})
