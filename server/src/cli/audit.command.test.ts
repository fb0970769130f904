import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, embeddedEnv, runCli, setUpDataDir } from '../../test/cli-process.js'
import { embeddedDatabaseDir, openPGlite } from '../db/database.js'
import type { DB } from '../db/schema.js'

let dataDir: string
/** A copy of dataDir taken before any test alters it, for the test that forges and deletes. */
let untouchedDir: string

function custodia(args: string[], stdin?: string, dir = dataDir): Promise<CliRun> {
  return runCli(args, embeddedEnv({ CUSTODIA_DATA_DIR: dir }), stdin)
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-audit-cli-'))
  await setUpDataDir(embeddedEnv({ CUSTODIA_DATA_DIR: dataDir }))
  // Three accounts added, three events in the trail; both trails the tests alter start here.
  for (const name of ['ann', 'bob', 'cyd']) {
    const added = await custodia(
      ['user', 'add', '--username', name, '--role', 'agent', '--password-stdin'],
      'Correct-Horse-42\n',
    )
    expect(added.code).toBe(0)
  }
  untouchedDir = await mkdtemp(path.join(tmpdir(), 'custodia-audit-readonly-'))
  await cp(dataDir, untouchedDir, { recursive: true })
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
  await rm(untouchedDir, { recursive: true, force: true })
})

describe('custodia audit (AUD-2, UI-2)', () => {
  it('verifies the trail, exports a checkpoint, and names the first bad position after tampering', async () => {
    const ok = await custodia(['audit', 'verify'])
    expect(ok).toMatchObject({ code: 0 })
    expect(ok.stdout).toMatch(/^Audit trail OK: 3 events; last checkpoint at 3 /)

    const exported = await custodia(['audit', 'checkpoint', '--export'])
    expect(exported.code).toBe(0)
    const checkpointFile = path.join(dataDir, 'witness.json')
    await writeFile(checkpointFile, exported.stdout)
    expect(JSON.parse(exported.stdout)).toMatchObject({
      format: 'custodia-audit-checkpoint/v1',
      size: 3,
    })
    expect((await custodia(['audit', 'verify', '--checkpoint', checkpointFile])).stdout).toContain(
      'consistent with the checkpoint at 3',
    )

    // A superuser with the database files rewrites the second event, triggers off.
    const handle = await openPGlite(embeddedDatabaseDir(dataDir))
    await handle.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
      await sql`update audit_events set target_id = 'someone-else' where id = (select event_id from audit_seals where seq = 2)`.execute(
        trx,
      )
    })
    await handle.close()

    const bad = await custodia(['audit', 'verify'])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/^Audit trail FAILED at position 2: event_altered/)
  })

  it('refuses a checkpoint file that is not one, as bad usage', async () => {
    const file = path.join(dataDir, 'not-a-checkpoint.json')
    await writeFile(file, '{"size": 3}')
    const result = await custodia(['audit', 'verify', '--checkpoint', file])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/not an exported Custodia checkpoint/)
    expect((await custodia(['audit', 'checkpoint'])).code).toBe(2)
  })

  it('only reads: forged events re-queued before a verification stay unsigned, and it fails; deleted checkpoints fail against the witness log (AUD-2)', async () => {
    const dir = untouchedDir
    const witnessFile = path.join(dir, 'audit', 'witness.log')
    const ok = await custodia(['audit', 'verify'], undefined, dir)
    expect(ok.stdout).toMatch(/^Audit trail OK: .* checkpoints of the witness log present/)
    expect(ok.code).toBe(0)

    // A superuser queues a forged event, dated an hour ago, for the next sealer to sign.
    const tables = ['audit_events', 'audit_pending', 'audit_seals', 'audit_checkpoints']
    const countIn = async (db: Kysely<DB>) => {
      const result: number[] = []
      for (const table of tables)
        result.push(
          Number(
            (
              await sql<{
                n: number
              }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
            ).rows[0]?.n,
          ),
        )
      return result
    }
    const counts = async () => {
      const handle = await openPGlite(embeddedDatabaseDir(dir))
      try {
        return await countIn(handle.db)
      } finally {
        await handle.close()
      }
    }
    // One opening of the database files for the forgery and the counts before it.
    const handle = await openPGlite(embeddedDatabaseDir(dir))
    await sql`insert into audit_events (occurred_at, actor_type, actor_name, action, outcome)
      values (now() - interval '1 hour', 'system', 'forger', 'account.created', 'allowed')`.execute(
      handle.db,
    )
    const before = await countIn(handle.db)
    await handle.close()
    const witnessBefore = await readFile(witnessFile, 'utf8')

    const forged = await custodia(['audit', 'verify'], undefined, dir)
    expect(forged.stdout).toMatch(/^Audit trail FAILED at position \d+: uncovered_event/)
    expect(forged.code).toBe(1)
    expect((await custodia(['audit', 'checkpoint', '--export'], undefined, dir)).code).toBe(0)
    // Nothing was sealed, signed or written: not in the database, not in the witness log.
    expect(await counts()).toEqual(before)
    expect(await readFile(witnessFile, 'utf8')).toBe(witnessBefore)

    // The superuser now deletes the stored checkpoints.
    const again = await openPGlite(embeddedDatabaseDir(dir))
    await again.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
      await sql`delete from audit_checkpoints`.execute(trx)
    })
    await again.close()
    const firstWitnessed = JSON.parse(witnessBefore.split('\n')[0] ?? '{}').size
    const deleted = await custodia(['audit', 'verify'], undefined, dir)
    expect(deleted.stdout).toMatch(
      new RegExp(`^Audit trail FAILED at position ${firstWitnessed}: checkpoint_missing`),
    )
    expect(deleted.code).toBe(1)

    await unlink(witnessFile)
    const noWitness = await custodia(['audit', 'verify'], undefined, dir)
    expect(noWitness.stdout).toMatch(/FAILED: there is no witness log at .*--no-witness/)
    expect(noWitness.code).toBe(1)
  })
})
