import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/test-database.js'
import type { DatabaseHandle } from '../../db/database.js'
import { findActivePurpose } from './active-purposes.js'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle.close()
})

/** Issue 15: the purposes are kept in memory, and a change anyone commits is seen on the next read (ACC-2). */
describe('the active purposes kept per process', () => {
  it('sees a purpose added, retired and brought back straight in the database', async () => {
    expect(await findActivePurpose(handle.db, 'cache_probe')).toBeUndefined()
    await sql`insert into purposes (code, name_zh, name_en, legal_basis, description_zh, description_en)
      values ('cache_probe', '缓存探针', 'Cache probe', 'contract', '测试', 'test')`.execute(
      handle.db,
    )
    expect((await findActivePurpose(handle.db, 'cache_probe'))?.name_en).toBe('Cache probe')
    expect((await findActivePurpose(handle.db, 'cache_probe'))?.name_en).toBe('Cache probe')
    await sql`update purposes set active = false where code = 'cache_probe'`.execute(handle.db)
    expect(await findActivePurpose(handle.db, 'cache_probe')).toBeUndefined()
    await sql`update purposes set active = true, name_en = 'Probe' where code = 'cache_probe'`.execute(
      handle.db,
    )
    expect((await findActivePurpose(handle.db, 'cache_probe'))?.name_en).toBe('Probe')
  })
})
