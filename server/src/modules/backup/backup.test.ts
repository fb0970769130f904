import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CANARY,
  CANARY_STRINGS,
  createCustomerAs,
  individual,
} from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { createTestDatabase } from '../../../test/test-database.js'
import { sealAll } from '../../audit/sealer.js'
import { verifierFromPem } from '../../audit/signing-key.js'
import { verifyTrail } from '../../audit/verify.js'
import { loadCatalogue } from '../catalogue/catalogue.service.js'
import { openCustomer } from '../customers/customer-key.js'
import { openValues } from '../customers/customer-records.js'
import { createBackup, restoreBackup } from './backup.service.js'
import { BackupCorruptError, openArchive } from './backup-archive.js'
import { verifyBackup } from './verify-backup.js'

const masterKey = randomBytes(32)
let t: TestApp
let manager: string
let kept: string
let destroyed: string

beforeAll(async () => {
  t = await createTestApp({}, { masterKey })
  manager = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '零售业务部'))
  destroyed = await createCustomerAs(t.app, manager, individual())
  kept = await createCustomerAs(
    t.app,
    manager,
    individual({
      name: '钱二',
      idNumber: '110101199003078515',
      mobile: '13700000002',
      bankCards: [],
    }),
  )
})

describe('encrypted backups (OPS-1) and destruction that outlives them (RET-2)', () => {
  it('restores a backup taken before a destruction without the destroyed customer’s values, and the trail verifies', async () => {
    await sealAll(t.deps.db, t.deps.auditSigner, t.clock)
    const backup = await createBackup(t.deps.db, t.deps.secrets, t.clock.now())
    // Nothing personal in the archive, not even compressed and encrypted away by accident in the manifest.
    for (const canary of CANARY_STRINGS) expect(backup.toString('latin1')).not.toContain(canary)

    const officer = await signedIn(t.app, t.deps, 'compliance')
    const approver = await signedIn(t.app, t.deps, 'compliance')
    const requested = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${destroyed}/destruction`,
      cookie: officer,
      payload: { reason: 'customer_request' },
    })
    const approved = await call(t.app, {
      method: 'POST',
      url: `/api/v1/destructions/${requested.json().id}/approve`,
      cookie: approver,
    })
    expect(approved.json().status).toBe('completed')

    const target = await createTestDatabase()
    try {
      const report = await restoreBackup(target.db, t.deps.secrets, backup, t.deps.config.dataDir)
      expect(report.destroyedAgain).toBe(1)
      expect(report.manifest.counts.customers).toBe(2)

      // The destroyed customer: no key, no values, no tokens — and its destruction record.
      for (const table of [
        'customer_keys',
        'customer_personal',
        'customer_sensitive',
        'customer_search_tokens',
      ] as const) {
        const rows = await target.db
          .selectFrom(table)
          .select('customer_id')
          .where('customer_id', '=', destroyed)
          .execute()
        expect(rows, table).toHaveLength(0)
      }
      const row = await target.db
        .selectFrom('customers')
        .select('status')
        .where('id', '=', destroyed)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('destroyed')
      const record = await target.db
        .selectFrom('destructions')
        .select('status')
        .where('customer_id', '=', destroyed)
        .executeTakeFirstOrThrow()
      expect(record.status).toBe('completed')

      // The other customer reads as before, with the same master key.
      const restored = { ...t.deps, db: target.db }
      const { key, sealed } = await openCustomer(restored, kept, true)
      const values = openValues(t.deps.vault, key, await loadCatalogue(target.db), sealed, [
        'name',
        'mobile',
      ])
      expect(values.get('mobile')).toBe('13700000002')
      await expect(openCustomer(restored, destroyed, true)).rejects.toThrow()

      const verified = await verifyTrail(
        target.db,
        verifierFromPem(t.deps.auditSigner.publicKeyPem),
      )
      expect(verified.ok).toBe(true)
      expect(verified.events).toBeGreaterThan(0)
    } finally {
      await target.close()
    }
  })

  it('refuses a corrupted archive, and one sealed under another master key', async () => {
    const backup = await createBackup(t.deps.db, t.deps.secrets, t.clock.now())
    expect(openArchive(backup, t.deps.secrets).contents.tables.length).toBeGreaterThan(10)
    const corrupted = Buffer.from(backup)
    corrupted[corrupted.length - 100] = (corrupted[corrupted.length - 100] ?? 0) ^ 0xff
    expect(() => openArchive(corrupted, t.deps.secrets)).toThrow(BackupCorruptError)
    // `backup verify` restores into a scratch database and checks; a sound archive passes, a damaged one fails.
    expect((await verifyBackup(t.deps, masterKey, backup)).ok).toBe(true)
    const failed = await verifyBackup(t.deps, masterKey, corrupted)
    expect(failed.ok).toBe(false)
    expect(failed.checks).toEqual([expect.objectContaining({ name: 'restore', ok: false })])
    const other = await createTestApp()
    expect(() => openArchive(backup, other.deps.secrets)).toThrow(BackupCorruptError)
    expect(CANARY.name).toBeTruthy()
  })
})
