import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { HOUR } from '../../platform/clock.js'
import { backupDir, scheduledBackup } from './backup-runs.js'

const masterKey = randomBytes(32)
let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_BACKUP_KEEP: '2' }, { masterKey })
  const manager = await signedIn(
    t.app,
    t.deps,
    'manager',
    await createDepartment(t.deps, '零售业务部'),
  )
  await createCustomerAs(t.app, manager, individual())
})

describe('scheduled backups (OPS-1)', () => {
  it('makes a backup, proves it restores, keeps the newest archives, and shows each run', async () => {
    for (let round = 0; round < 3; round++) {
      await scheduledBackup(t.deps, async () => masterKey)
      t.clock.advance(24 * HOUR)
    }
    expect((await readdir(backupDir(t.deps.config.dataDir))).length).toBe(2)
    const admin = await signedIn(t.app, t.deps, 'sysadmin')
    const runs = (
      await call(t.app, { method: 'GET', url: '/api/v1/backups', cookie: admin })
    ).json().items
    expect(runs).toHaveLength(6)
    expect(runs.every((r: { ok: boolean }) => r.ok)).toBe(true)
    const verifications = runs.filter((r: { kind: string }) => r.kind === 'verify')
    expect(verifications).toHaveLength(3)
    expect(verifications[0]).toMatchObject({ trigger: 'schedule' })
    expect(verifications[0].detail).toContain('ok audit trail')
    // The console words each run from its parts (issue 14 item 1).
    expect(verifications[0].details.type).toBe('checks')
    expect(
      verifications[0].details.checks.map((c: { check: string; ok: boolean }) => [c.check, c.ok]),
    ).toEqual([
      ['rowCounts', true],
      ['decryptionSample', true],
      ['auditTrail', true],
    ])
    const archive = runs.find((r: { kind: string }) => r.kind === 'create')
    expect(archive.details).toMatchObject({ type: 'archive', customers: 1 })
    expect(archive.details.bytes).toBeGreaterThan(0)
    const agent = await signedIn(
      t.app,
      t.deps,
      'agent',
      await createDepartment(t.deps, '对公业务部'),
    )
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/backups', cookie: agent })).statusCode,
    ).toBe(403)
  })
})
