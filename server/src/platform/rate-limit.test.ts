import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-database.js'
import type { DatabaseHandle } from '../db/database.js'
import { countHit } from './rate-limit.js'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

/** Issue 15: concurrent hits share a statement, and the count stays exact (ACC-2, ACC-4). */
describe('the rate-limit counter', () => {
  it('gives 50 concurrent hits on one key each its own place, 1 to 50, and stores 50', async () => {
    const now = new Date('2026-12-02T08:00:30Z')
    const places = await Promise.all(
      Array.from({ length: 50 }, () => countHit(handle.db, 'probe:a', now, 60_000)),
    )
    expect([...places].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    const row = await handle.db
      .selectFrom('rate_limits')
      .select('hits')
      .where('key', '=', 'probe:a')
      .executeTakeFirstOrThrow()
    expect(row.hits).toBe(50)
  })

  it('counts keys and windows apart', async () => {
    const now = new Date('2026-12-02T08:00:30Z')
    const later = new Date('2026-12-02T08:01:30Z')
    const [a, b, c] = await Promise.all([
      countHit(handle.db, 'probe:b', now, 60_000),
      countHit(handle.db, 'probe:c', now, 60_000),
      countHit(handle.db, 'probe:b', later, 60_000),
    ])
    expect([a, b, c]).toEqual([1, 1, 1])
    expect(await countHit(handle.db, 'probe:b', now, 60_000)).toBe(2)
  })
})
