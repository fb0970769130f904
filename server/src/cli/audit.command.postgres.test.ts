import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../test/cli-process.js'
import { createTestDatabase, testEngine } from '../../test/test-database.js'

/**
 * The command-line tests drive the embedded database and run once, in the
 * PGlite project; this one needs a PostgreSQL server (DATABASE_URL) and runs
 * only in the PostgreSQL project.
 */

describe.runIf(testEngine === 'postgres')('custodia audit on a PostgreSQL server (AUD-2)', () => {
  it('only reads on a PostgreSQL server too: the forged event stays unsigned and verification fails (AUD-2)', async () => {
    const database = await createTestDatabase()
    const dir = await mkdtemp(path.join(tmpdir(), 'custodia-audit-pg-'))
    const run = (args: string[], stdin?: string) =>
      runCli(args, { ...process.env, CUSTODIA_DATA_DIR: dir, DATABASE_URL: database.url }, stdin)
    try {
      const added = await run(
        ['user', 'add', '--username', 'pat', '--role', 'agent', '--password-stdin'],
        'Correct-Horse-42\n',
      )
      expect(added.code, added.stderr).toBe(0)
      expect((await run(['audit', 'verify'])).code).toBe(0)
      await sql`insert into audit_events (occurred_at, actor_type, actor_name, action, outcome)
          values (now() - interval '1 hour', 'system', 'forger', 'account.created', 'allowed')`.execute(
        database.db,
      )
      const counts = async () =>
        (
          await sql<{
            n: string
          }>`select (select count(*) from audit_seals) || '/' || (select count(*) from audit_checkpoints) || '/' || (select count(*) from audit_pending) as n`.execute(
            database.db,
          )
        ).rows[0]?.n
      const before = await counts()
      const forged = await run(['audit', 'verify'])
      expect(forged.stdout).toMatch(/FAILED at position \d+: uncovered_event/)
      expect(forged.code).toBe(1)
      expect(await counts()).toBe(before)
    } finally {
      await database.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
