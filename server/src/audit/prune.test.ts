import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testAction } from '../../test/audit-test-vocabulary.js'
import { createTestDatabase } from '../../test/test-database.js'
import type { DatabaseHandle } from '../db/database.js'
import { DAY, ManualClock } from '../platform/clock.js'
import { NO_REQUEST, recordAuditEvent } from './audit-log.js'
import { pruneAuditTrail } from './prune.js'
import { sealAll } from './sealer.js'
import { ephemeralSigner, verifierFromPem } from './signing-key.js'
import { verifyTrail } from './verify.js'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

describe('audit retention (AUD-2)', () => {
  it('removes whole sealed ranges past retention, keeps the checkpoints, and what remains still verifies', async () => {
    const { db } = handle
    const signer = ephemeralSigner()
    const options = { batchSize: 100, checkpointEvery: 10, checkpointAfterMs: 0 }
    // Four years ago, then today: the database itself also checks ages against its own clock.
    const clock = new ManualClock(new Date(Date.now() - 4 * 365 * DAY))
    const write = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await recordAuditEvent(db, clock.now(), NO_REQUEST, {
          actor: { type: 'system', name: 'test' },
          action: testAction('test.event'),
        })
      }
      await sealAll(db, signer, clock, options)
    }
    await write(25)
    clock.advance(4 * 365 * DAY)
    await write(15)

    const removed = await pruneAuditTrail(db, clock.now(), 1095)
    expect(removed).toBe(25)
    const result = await verifyTrail(db, verifierFromPem(signer.publicKeyPem))
    expect(result).toMatchObject({ ok: true, events: 15, firstPosition: 26 })
    expect(
      await db.selectFrom('audit_checkpoints').select('size').where('size', '<=', 25).execute(),
    ).toHaveLength(3)

    // Nothing younger than retention goes, and the database refuses a floor under six months.
    expect(await pruneAuditTrail(db, clock.now(), 1095)).toBe(0)
    await expect(sql`select audit_prune(30, 30)`.execute(db)).rejects.toThrow(/six months/)
    await expect(sql`select audit_prune(40, 200)`.execute(db)).rejects.toThrow(
      /younger than the retention/,
    )
  })

  it('refuses a retention period under six months in the configuration', async () => {
    const { loadConfig } = await import('../config.js')
    expect(() => loadConfig({ CUSTODIA_AUDIT_RETENTION_DAYS: '90' })).toThrow(
      /CUSTODIA_AUDIT_RETENTION_DAYS must be at least 183/,
    )
    expect(loadConfig({}).auditRetentionDays).toBe(1095)
  })
})
