import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { refreshPlannerStatistics } from '../../db/statistics.js'

/**
 * AUD-4: the JSON export used to stop, silently, at 100,000 events. It now
 * streams every event, page by page.
 */
let t: TestApp
let auditor: string
const MANY = 100_050

beforeAll(async () => {
  t = await createTestApp()
  auditor = await signInAs(t.app, await createStaff(t.deps, ['auditor']))
  await sql`insert into audit_events (occurred_at, actor_type, actor_name, action, outcome)
    select now(), 'system', 'load', 'test.bulk', 'allowed' from generate_series(1, ${MANY})`.execute(
    t.deps.db,
  )
  // A trail grown this far has had its statistics refreshed by the embedded database's job.
  await refreshPlannerStatistics(t.deps.db)
})

describe('the event export (AUD-4)', () => {
  it('streams every event, past 100,000, each once and in order', async () => {
    const response = await call(t.app, {
      url: '/api/v1/audit/events/export?format=json',
      cookie: auditor,
    })
    expect(response.statusCode).toBe(200)
    const document = JSON.parse(response.body)
    expect(document).toMatchObject({ format: 'custodia-audit-events/v1', complete: true })
    expect(document.items.length).toBeGreaterThan(MANY)
    expect(document.count).toBe(document.items.length)
    const ids = document.items.map((e: { id: number }) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b))
  })
})
