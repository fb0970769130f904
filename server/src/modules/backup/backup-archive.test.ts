import { describe, expect, it } from 'vitest'
import { SUITES } from '../../security/crypto/cipher-suites.js'
import { createSecretBox } from '../../security/secret-box.js'
import { BackupCorruptError, openArchive, readManifest, sealArchive } from './backup-archive.js'

/**
 * OPS-1: archives people keep must open with every later version. These two
 * were written (one per cipher suite, CLS-2) by the code before the sealing
 * moved into security/crypto/archive-seal.ts, under the master key below.
 */
const MASTER_KEY = Buffer.alloc(32, 7)
const CONTENTS = {
  tables: [
    { name: 'customers', rows: [{ id: 'a', kind: 'individual' }] },
    { name: 'audit_events', rows: [] },
  ],
}
const KEPT: Record<'aes-gcm' | 'sm', string> = {
  'aes-gcm': [
    'Q1VTVE9ESUEtQkFDS1VQLzIKeyJmb3JtYXQiOiJDVVNUT0RJQS1CQUNLVVAvMiIsImlkIjoiMTVmYjFmMTEtZWY0',
    'Yi00N2ExLTgxZjEtZDc2OGViYjhmNzY0IiwiY3JlYXRlZEF0IjoiMTk3MC0wMS0wMVQwMDowMDowMC4wMDBaIiwi',
    'bWlncmF0aW9ucyI6WyIwMDAxIl0sImNvdW50cyI6eyJjdXN0b21lcnMiOjEsImF1ZGl0X2V2ZW50cyI6MH0sInN1',
    'aXRlIjoiYWVzLWdjbSIsImRpZ2VzdCI6IjNiODVlOWQ5ZWVjY2EwMjEyOGM2MTQ5MjQyYzY3YWZlYjNkMWUwNjM3',
    'YTJiZTVmMDEyMzA2MjNlMjE2YzMxZDciLCJrZXkiOiJ2Mi5BZTlqbldkdEpuWGNiVUI4Y0RZSXlIazlHMkc1UGJw',
    'bUlWSkpPQ1g5SGlvUm9hODVRRVVXUGs1UXVIUlZxNGhMb0JIRzV0YmV4WWZiVkhPVy9BcFZvdnVudzlES3NIMzZ6',
    'QT09In0KAURT7ksMBQ4ki5yyCU7imzyjzlz66l7fgQumBKswMzueU1HLz6kXie1nY93exq9iGP4cuBnUPyNLJPx1',
    'RTEfDhcaHKei9l2q3kGbzndPK9C219MZhiqN6/LP/ghP45jF0PalDhD47CV/Y2zPlfoz+jdQ3l2j4hgB1UZSKULe',
    'MDJmBw==',
  ].join(''),
  sm: [
    'Q1VTVE9ESUEtQkFDS1VQLzIKeyJmb3JtYXQiOiJDVVNUT0RJQS1CQUNLVVAvMiIsImlkIjoiMjI2NWZiYzQtOGYw',
    'MS00ZGI5LWE1ZGYtNDgwZjE5OWVlZjJjIiwiY3JlYXRlZEF0IjoiMTk3MC0wMS0wMVQwMDowMDowMC4wMDBaIiwi',
    'bWlncmF0aW9ucyI6WyIwMDAxIl0sImNvdW50cyI6eyJjdXN0b21lcnMiOjEsImF1ZGl0X2V2ZW50cyI6MH0sInN1',
    'aXRlIjoic20iLCJkaWdlc3QiOiIzZDMwZGRmNjJkMzU5MmYyMmRhMTEyYmVmNWYxMzQ2NzFmMzdmOGIwODE4MGI1',
    'MTFmNjgxNmJiMGQwMDc5NTYwIiwia2V5IjoidjIuQWwrQk5KblU0cG1lZ0Y5cDUxVktmZTR3eWtxSzdQWTlKeDVD',
    'VTFUcjN6SWI3bWVWQkw0VFpWenhteFE0V3pxUnd3UmlqVVl0VEFLbDFySEpuMFFsS3dadnNLVDFHemxSTDNRSGJ2',
    'ckRGdFpEN0ZBS2Fvdk0xY2EyakVKdSJ9CgLxHapivgXpngqu1dwrsdwoPkftrxmuOn2mBFsWqQhJ0ZB5ZyAyzjD7',
    'rRaFko/cvRx9oa50VXsVF47REAQ08qbrzRexsYlSJcKZTQCtf3n0kf+3ZzUfzl6wjbAJp8Ng5sU1UeA7DPnBpk1H',
    'wSWhh/LzBLENtD/b4nVhfvAFLG5Y3G7Z+UIsdm357e9myoaE+bUseWgYXw==',
  ].join(''),
}

describe.each(['aes-gcm', 'sm'] as const)('a kept %s archive (OPS-1, CLS-2)', (suite) => {
  const secrets = createSecretBox(MASTER_KEY, SUITES[suite])
  const kept = Buffer.from(KEPT[suite], 'base64')

  it('opens, under either suite of the installation', () => {
    expect(openArchive(kept, secrets).contents).toEqual(CONTENTS)
    const other = suite === 'sm' ? SUITES['aes-gcm'] : SUITES.sm
    expect(openArchive(kept, createSecretBox(MASTER_KEY, other)).contents).toEqual(CONTENTS)
    expect(readManifest(kept).manifest).toMatchObject({ format: 'CUSTODIA-BACKUP/2', suite })
  })

  it('is written today in the same layout', () => {
    const made = sealArchive(CONTENTS, { createdAt: new Date(0), migrations: ['0001'] }, secrets)
    const [today, before] = [made, kept].map((file) => readManifest(file))
    expect(Object.keys(today?.manifest ?? {})).toEqual(Object.keys(before?.manifest ?? {}))
    expect(today?.body[0]).toBe(before?.body[0])
    expect(today?.body.length).toBe(before?.body.length)
    expect(openArchive(made, secrets).contents).toEqual(CONTENTS)
  })

  it('refuses it changed, or under another master key', () => {
    const changed = Buffer.from(kept)
    changed[changed.length - 3] = (changed[changed.length - 3] ?? 0) ^ 1
    expect(() => openArchive(changed, secrets)).toThrow(
      'the contents cannot be opened: damaged, or another master key',
    )
    const otherKey = createSecretBox(Buffer.alloc(32, 8), SUITES[suite])
    expect(() => openArchive(kept, otherKey)).toThrow(BackupCorruptError)
    const manifest = readManifest(kept).manifest
    const wrongDigest = Buffer.from(
      kept.toString('latin1').replace(manifest.digest, '0'.repeat(manifest.digest.length)),
      'latin1',
    )
    expect(() => openArchive(wrongDigest, secrets)).toThrow(
      'the contents do not match their digest',
    )
  })
})
