import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testEngine } from '../../test/test-database.js'
import type { DatabaseHandle } from './database.js'

/**
 * Issue 15: on a PostgreSQL server, statements with parameters run named,
 * so each connection plans them once. A table that gains a column under a
 * named `select *` (another server migrated) is read again, not refused.
 */
describe.runIf(testEngine === 'postgres')('named statements on PostgreSQL (issue 15)', () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(async () => {
    await handle.close()
  })

  it('prepares a statement with parameters once per connection and reuses it', async () => {
    await sql`create table prepared_probe (id int primary key, label text)`.execute(handle.db)
    await sql`insert into prepared_probe values (1, 'one'), (2, 'two')`.execute(handle.db)
    await handle.db.connection().execute(async (db) => {
      for (const id of [1, 2, 1]) {
        const { rows } = await sql<{
          label: string
        }>`select label from prepared_probe where id = ${id}`.execute(db)
        expect(rows[0]?.label).toBe(id === 1 ? 'one' : 'two')
      }
      const { rows } = await sql<{ count: number }>`select count(*)::int as count
        from pg_prepared_statements where statement like 'select label from prepared_probe%'`.execute(
        db,
      )
      expect(rows[0]?.count).toBe(1)
    })
  })

  it('reads a table again after it gained a column under a named select *', async () => {
    await sql`create table widening_probe (id int primary key)`.execute(handle.db)
    await sql`insert into widening_probe values (1)`.execute(handle.db)
    await handle.db.connection().execute(async (db) => {
      const read = () =>
        sql<Record<string, unknown>>`select * from widening_probe where id = ${1}`.execute(db)
      expect((await read()).rows[0]).toEqual({ id: 1 })
      await sql`alter table widening_probe add column note text default 'added'`.execute(db)
      expect((await read()).rows[0]).toEqual({ id: 1, note: 'added' })
    })
  })

  it('runs a statement without parameters as before, several commands included', async () => {
    // A prepared statement cannot hold two commands: this one must not have been prepared.
    await expect(sql`select 1 as n; select 2 as n`.execute(handle.db)).resolves.toBeDefined()
  })
})
