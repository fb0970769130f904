import { setTimeout } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testAction } from '../../test/audit-test-vocabulary.js'
import { createTestDatabase, testEngine } from '../../test/test-database.js'
import type { DatabaseHandle } from '../db/database.js'
import { systemClock } from '../platform/clock.js'
import { NO_REQUEST, recordAuditEvent } from './audit-log.js'
import { sealAll, sealPending } from './sealer.js'
import { ephemeralSigner, verifierFromPem } from './signing-key.js'
import { verifyTrail } from './verify.js'

const WRITERS = 8
/**
 * On a PostgreSQL server the writers race on connections of their own, and
 * many events give the races their chances. The embedded engine runs one
 * statement at a time: its writers and the sealer interleave statement by
 * statement, and a fifth of the events shows every interleaving as well.
 */
const EVENTS_PER_WRITER = testEngine === 'postgres' ? 10_000 : 2_000

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

describe('many writers, one sealer (AUD-2)', () => {
  it(`seals ${WRITERS} concurrent writers × ${EVENTS_PER_WRITER} events with no gap and no duplicate`, async () => {
    const { db } = handle
    const signer = ephemeralSigner()
    let writing = true
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let i = 0; i < EVENTS_PER_WRITER; i++) {
        await recordAuditEvent(db, systemClock.now(), NO_REQUEST, {
          actor: { type: 'system', name: `writer-${writer}` },
          action: testAction('test.event'),
          target: { type: 'sequence', id: `${writer}:${i}` },
        })
      }
    })
    // The sealer works while the writers write, as it does in a running server.
    const sealer = (async () => {
      while (writing) {
        await sealPending(db, signer, systemClock)
        await setTimeout(50)
      }
    })()
    await Promise.all(writers)
    writing = false
    await sealer
    await sealAll(db, signer, systemClock)

    const total = WRITERS * EVENTS_PER_WRITER
    const result = await verifyTrail(db, verifierFromPem(signer.publicKeyPem))
    expect(result).toMatchObject({ ok: true, events: total, pending: 0 })

    const stats = await db
      .selectFrom('audit_seals')
      .select((eb) => [
        eb.fn.min('seq').as('first'),
        eb.fn.max('seq').as('last'),
        eb.fn.count('event_id').distinct().as('distinctEvents'),
        eb.fn.countAll().as('seals'),
      ])
      .executeTakeFirstOrThrow()
    expect(stats).toEqual({ first: 1, last: total, distinctEvents: total, seals: total })
    const targets = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.count('target_id').distinct().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(targets.n)).toBe(total)
  })
})
