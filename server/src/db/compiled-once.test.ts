import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-database.js'
import { compiledOnce } from './compiled-once.js'
import type { DatabaseHandle } from './database.js'

type Probe = { compiled_probe: { id: string; status: string; label: string } }

/** Issue 15: a hot read is compiled once and bound again on every call. */
describe('a query compiled once', () => {
  let handle: DatabaseHandle
  let db: Kysely<Probe>
  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db as unknown as Kysely<Probe>
    await sql`create table compiled_probe (id text primary key, status text, label text)`.execute(
      db,
    )
    await sql`insert into compiled_probe values ('a', 'live', 'one'), ('b', 'live', 'two'), ('c', 'gone', 'three')`.execute(
      db,
    )
  })
  afterAll(async () => {
    await handle.close()
  })

  it('binds each call’s arguments and keeps the constants of the shape', async () => {
    let built = 0
    const live = compiledOnce((q: Kysely<Probe>, id: string) => {
      built++
      return q
        .selectFrom('compiled_probe')
        .select('label')
        .where('id', '=', id)
        .where('status', '=', 'live')
    })
    expect(await live(db, 'a')).toEqual([{ label: 'one' }])
    expect(await live(db, 'b')).toEqual([{ label: 'two' }])
    // The constant 'live' is still bound: c is gone.
    expect(await live(db, 'c')).toEqual([])
    expect(built).toBe(1)
  })

  it('binds an argument used twice in both places, and several arguments each in its own', async () => {
    const either = compiledOnce((q: Kysely<Probe>, first: string, second: string) =>
      q
        .selectFrom('compiled_probe')
        .select('id')
        .where((w) => w.or([w('id', '=', first), w('label', '=', second), w('label', '=', first)]))
        .orderBy('id'),
    )
    expect(await either(db, 'a', 'three')).toEqual([{ id: 'a' }, { id: 'c' }])
    expect(await either(db, 'two', 'one')).toEqual([{ id: 'a' }, { id: 'b' }])
  })

  it('runs on the transaction it is given', async () => {
    const label = compiledOnce((q: Kysely<Probe>, id: string) =>
      q.selectFrom('compiled_probe').select('label').where('id', '=', id),
    )
    const undone = new Error('undo')
    const outcome = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('compiled_probe')
        .values({ id: 'd', status: 'live', label: 'four' })
        .execute()
      expect(await label(trx, 'd')).toEqual([{ label: 'four' }])
      throw undone
    })
    await expect(outcome).rejects.toBe(undone)
    expect(await label(db, 'd')).toEqual([])
  })

  it('refuses a shape in which an argument is not a parameter', async () => {
    const unused = compiledOnce((q: Kysely<Probe>, _id: string) =>
      q.selectFrom('compiled_probe').select('label'),
    )
    await expect(unused(db, 'a')).rejects.toThrow('argument 0 is not a parameter')
    const inlined = compiledOnce((q: Kysely<Probe>, id: string) =>
      q.selectFrom('compiled_probe').select(sql.lit(id).as('label')),
    )
    await expect(inlined(db, 'a')).rejects.toThrow('argument 0 is in the query')
  })
})
