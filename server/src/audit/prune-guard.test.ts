import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testAction } from '../../test/audit-test-vocabulary.js'
import { createTestDatabase, testEngine } from '../../test/test-database.js'
import { type DatabaseHandle, openPostgres } from '../db/database.js'
import { ManualClock } from '../platform/clock.js'
import { NO_REQUEST, recordAuditEvent } from './audit-log.js'
import { sealAll } from './sealer.js'
import { ephemeralSigner } from './signing-key.js'

/**
 * AUD-2: audit_prune, the one way to delete audit events, runs with its
 * owner's rights. The application role must not be able to make it delete
 * recent events: not with a temporary table named like the checkpoints table
 * (the function's search_path is pinned and every name schema-qualified),
 * and not with a checkpoint row of its own bearing an old date (the events
 * themselves must be old enough).
 */
let handle: DatabaseHandle & { url?: string }
const FRESH = 126

beforeAll(async () => {
  handle = await createTestDatabase()
  const signer = ephemeralSigner()
  const clock = new ManualClock(new Date())
  for (let i = 0; i < FRESH; i++) {
    await recordAuditEvent(handle.db, clock.now(), NO_REQUEST, {
      actor: { type: 'system', name: 'test' },
      action: testAction('test.fresh'),
    })
  }
  await sealAll(handle.db, signer, clock, {
    batchSize: 500,
    checkpointEvery: 1000,
    checkpointAfterMs: 0,
  })
})
let role: string | undefined
afterAll(async () => {
  await handle.close()
  // A role belongs to the whole server: dropped once the test database (where it holds grants) is gone.
  if (role) {
    const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await server.connect()
    await server.query(`drop role if exists ${role}`)
    await server.end()
  }
})

const events = async (db = handle.db) =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(db)).rows[0]?.n,
  )

describe('audit_prune cannot be fooled into deleting fresh events (AUD-2)', () => {
  it('is pinned: search_path fixed, pg_temp last', async () => {
    const { rows } = await sql<{
      config: string[] | null
      definer: boolean
    }>`select proconfig as config, prosecdef as definer from pg_proc where proname = 'audit_prune'`.execute(
      handle.db,
    )
    expect(rows).toEqual([{ config: ['search_path=pg_catalog, public, pg_temp'], definer: true }])
    // Every SECURITY DEFINER function of the schema has a fixed search_path.
    const unpinned = await sql<{
      proname: string
    }>`select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prosecdef and not exists (
         select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`.execute(
      handle.db,
    )
    expect(unpinned.rows).toEqual([])
  })

  it('refuses a checkpoint row with an old date when the events up to it are fresh', async () => {
    const before = await events()
    // The application role may insert checkpoint rows (the sealer does); the database cannot check signatures.
    await sql`insert into audit_checkpoints (size, chain_hash, signed_at, key_id, signature)
      values (${FRESH - 1}, ${Buffer.alloc(32)}, '2000-01-01T00:00:00Z', 'forged', ${Buffer.alloc(64)})`.execute(
      handle.db,
    )
    await expect(sql`select audit_prune(${FRESH - 1}, 183)`.execute(handle.db)).rejects.toThrow(
      /events up to that checkpoint are younger/,
    )
    expect(await events()).toBe(before)
  })

  it.runIf(testEngine === 'postgres')(
    'refuses, as the application role, a temporary table named like the checkpoints table',
    async () => {
      role = `custodia_app_${randomBytes(4).toString('hex')}`
      const url = new URL(handle.url ?? '')
      const owner = new pg.Client({ connectionString: url.toString() })
      await owner.connect()
      let app: DatabaseHandle | undefined
      try {
        // The grants of docs/security.md: read and append the trail, prune only through the function.
        for (const statement of [
          `create role ${role} login`,
          `grant usage on schema public to ${role}`,
          `grant select, insert, update, delete on all tables in schema public to ${role}`,
          `grant usage on all sequences in schema public to ${role}`,
          `revoke update, delete, truncate on audit_events, audit_seals, audit_checkpoints from ${role}`,
          `grant select, insert, delete on audit_pending to ${role}`,
          `revoke all on function audit_prune(bigint, integer) from public`,
          `grant execute on function audit_prune(bigint, integer) to ${role}`,
        ])
          await owner.query(statement)
        url.username = role
        app = await openPostgres(url.toString(), 1)
        const before = await events(app.db)
        expect(before).toBeGreaterThanOrEqual(FRESH)
        await app.db.connection().execute(async (session) => {
          await sql`create temp table audit_checkpoints (size bigint, signed_at timestamptz)`.execute(
            session,
          )
          await sql`insert into audit_checkpoints values (${FRESH}, '2000-01-01T00:00:00Z')`.execute(
            session,
          )
          await expect(sql`select audit_prune(${FRESH}, 183)`.execute(session)).rejects.toThrow(
            /younger than the retention period/,
          )
        })
        expect(await events(app.db)).toBe(before)
        // And directly, the role cannot delete at all.
        await expect(sql`delete from audit_events`.execute(app.db)).rejects.toThrow(
          /permission denied/,
        )
      } finally {
        await app?.close()
        await owner.query(`drop owned by ${role}`).catch(() => undefined)
        await owner.end()
      }
    },
  )
})
