import { createCipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, createStaff, signedIn, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { createTestDatabase } from '../../../test/test-database.js'
import { sealAll } from '../../audit/sealer.js'
import { SUITES } from '../../security/crypto/cipher-suites.js'
import { createSecretBox } from '../../security/secret-box.js'
import { generateTotp, totpSealContext } from '../../security/totp.js'
import { loadCatalogue } from '../catalogue/catalogue.service.js'
import { openCustomer } from '../customers/customer-key.js'
import { openValues } from '../customers/customer-records.js'
import { createBackup, restoreBackup } from './backup.service.js'
import { BackupCorruptError, openArchive, readManifest } from './backup-archive.js'
import { verifyBackup } from './verify-backup.js'

/**
 * CLS-2: with CUSTODIA_CIPHER_SUITE=sm, backups and
 * two-factor secrets were still sealed with AES-256-GCM. Now every
 * encryption goes through the installation's cipher suite: SM4 + HMAC-SM3.
 */
const masterKey = randomBytes(32)
const SM = SUITES.sm
const AES = SUITES['aes-gcm']
let t: TestApp
let customer: string

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_CIPHER_SUITE: 'sm' }, { masterKey })
  const manager = await signedIn(
    t.app,
    t.deps,
    'manager',
    await createDepartment(t.deps, '零售业务部'),
  )
  customer = await createCustomerAs(t.app, manager, individual({ mobile: '13700000003' }))
})

const sealedBytes = (stored: string) => Buffer.from(stored.split('.')[1] ?? '', 'base64')

describe('the 国密 suite reaches two-factor secrets and backups (CLS-2)', () => {
  it('seals a TOTP secret with SM4 + HMAC-SM3: AES cannot open it, sign-in with the code works', async () => {
    const staff = await createStaff(t.deps, ['auditor'])
    const cookie = await signInAs(t.app, staff)
    const enrolled = await call(t.app, { method: 'POST', url: '/api/v1/auth/totp/enrol', cookie })
    expect(enrolled.statusCode, enrolled.body).toBe(200)
    const { secret } = enrolled.json()
    const confirmed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookie,
      payload: { code: generateTotp(secret, t.clock.now()) },
    })
    expect(confirmed.statusCode, confirmed.body).toBeLessThan(300)

    const account = await t.deps.db
      .selectFrom('accounts')
      .select('totp_secret')
      .where('id', '=', staff.id)
      .executeTakeFirstOrThrow()
    const stored = account.totp_secret as string
    expect(stored).not.toContain(secret)
    expect(stored.startsWith('v2.')).toBe(true)
    expect(sealedBytes(stored)[0]).toBe(SM.code)
    // The bytes open with the SM suite under the derived key, and with nothing AES.
    const context = totpSealContext(staff.id)
    const smKey = SM.deriveKey(masterKey, 'custodia/system-secrets/v2')
    expect(SM.open(smKey, sealedBytes(stored), Buffer.from(context)).toString()).toBe(secret)
    const aesKey = AES.deriveKey(masterKey, 'custodia/system-secrets/v2')
    expect(() => AES.open(aesKey, sealedBytes(stored), Buffer.from(context))).toThrow()
    expect(createSecretBox(masterKey, AES).open(stored, context)).toBe(secret) // the byte names the suite
  })

  it('seals a backup with SM4 + HMAC-SM3 and an SM3 digest; AES cannot open it; it restores and verifies', async () => {
    await sealAll(t.deps.db, t.deps.auditSigner, t.clock)
    const backup = await createBackup(t.deps.db, t.deps.secrets, t.clock.now())
    const { manifest, body } = readManifest(backup)
    expect(manifest).toMatchObject({ format: 'CUSTODIA-BACKUP/2', suite: 'sm' })
    expect(body[0]).toBe(SM.code)
    expect(sealedBytes(manifest.key)[0]).toBe(SM.code)

    const { contents } = openArchive(backup, t.deps.secrets)
    const plain = Buffer.from(JSON.stringify(contents))
    expect(plain.length).toBeGreaterThan(0)
    // The archive key opens only through the SM suite; as AES bytes it fails.
    const archiveKey = Buffer.from(
      t.deps.secrets.open(manifest.key, `backup:${manifest.id}`),
      'base64',
    )
    const aad = Buffer.from(`CUSTODIA-BACKUP/2:${manifest.id}`)
    expect(() => AES.open(archiveKey, Buffer.from([AES.code, ...body.subarray(1)]), aad)).toThrow()
    expect(SM.digest(SM.open(archiveKey, body, aad))).toBe(manifest.digest)

    // A manifest that claims another suite than the contents' first byte is refused.
    const lying = Buffer.from(
      backup.toString('latin1').replace('"suite":"sm"', '"suite":"aes-gcm"'),
      'latin1',
    )
    expect(() => openArchive(lying, t.deps.secrets)).toThrow(BackupCorruptError)

    expect((await verifyBackup(t.deps, masterKey, backup)).ok).toBe(true)
    const target = await createTestDatabase()
    try {
      await restoreBackup(target.db, t.deps.secrets, backup, t.deps.config.dataDir)
      const settings = await target.db
        .selectFrom('crypto_settings')
        .select('suite')
        .executeTakeFirstOrThrow()
      expect(settings.suite).toBe('sm')
      const { key, sealed } = await openCustomer({ ...t.deps, db: target.db }, customer, true)
      const values = openValues(t.deps.vault, key, await loadCatalogue(target.db), sealed, [
        'mobile',
      ])
      expect(values.get('mobile')).toBe('13700000003')
    } finally {
      await target.close()
    }
  })

  it('still opens a format-1 archive, sealed with AES-256-GCM before the suite reached backups', async () => {
    const aesApp = await createTestApp({}, { masterKey })
    const current = await createBackup(aesApp.deps.db, aesApp.deps.secrets, aesApp.clock.now())
    const { manifest, body } = readManifest(current)
    expect(manifest.suite).toBe('aes-gcm')
    expect(body[0]).toBe(AES.code)
    // Rewrite it in the old layout: nonce and tag in the manifest, a `sha256` digest, a v1 key.
    const { contents } = openArchive(current, aesApp.deps.secrets)
    const legacy = legacyArchive(contents, manifest)
    const opened = openArchive(legacy, t.deps.secrets)
    expect(opened.manifest).toMatchObject({ format: 'CUSTODIA-BACKUP/1', suite: 'aes-gcm' })
    expect(opened.contents.tables.length).toBe(contents.tables.length)
    const tampered = Buffer.from(legacy)
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 1
    expect(() => openArchive(tampered, t.deps.secrets)).toThrow(BackupCorruptError)
  })
})

/** A backup in format 1, as the code before the cipher suite reached backups wrote it. */
function legacyArchive(
  contents: unknown,
  manifest: { id: string; createdAt: string; migrations: string[]; counts: object },
): Buffer {
  // Written with Node's crypto directly, as the format-1 code did, so the test does not lean on the code it checks.
  const magic = 'CUSTODIA-BACKUP/1'
  const plain = gzipSync(Buffer.from(JSON.stringify(contents)))
  const key = randomBytes(32)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(`${magic}:${manifest.id}`))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  const boxKey = Buffer.from(
    hkdfSync('sha256', masterKey, Buffer.alloc(0), 'custodia/system-secrets/v1', 32),
  )
  const keyIv = randomBytes(12)
  const keyCipher = createCipheriv('aes-256-gcm', boxKey, keyIv)
  keyCipher.setAAD(Buffer.from(`backup:${manifest.id}`))
  const sealedKey = Buffer.concat([keyCipher.update(key.toString('base64')), keyCipher.final()])
  const v1Key = ['v1', keyIv, sealedKey, keyCipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
    .join('.')
  const legacyManifest = {
    format: magic,
    id: manifest.id,
    createdAt: manifest.createdAt,
    migrations: manifest.migrations,
    counts: manifest.counts,
    sha256: createHash('sha256').update(plain).digest('hex'),
    key: v1Key,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  }
  return Buffer.concat([Buffer.from(`${magic}\n${JSON.stringify(legacyManifest)}\n`), body])
}
