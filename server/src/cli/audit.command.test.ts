import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embeddedDatabaseDir, openPGlite } from '../db/database.js'

const CLI = path.resolve(import.meta.dirname, '../../bin/custodia.mjs')
let dataDir: string

type Run = { code: number; stdout: string; stderr: string }
function custodia(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...embeddedEnv(), CUSTODIA_DATA_DIR: dataDir } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
    if (stdin !== undefined) child.stdin?.end(stdin)
  })
}

/** The embedded database, whatever the surrounding shell set. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env
  return env
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-audit-cli-'))
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('custodia audit (AUD-2, UI-2)', () => {
  it('verifies the trail, exports a checkpoint, and names the first bad position after tampering', async () => {
    for (const name of ['ann', 'bob', 'cyd']) {
      const added = await custodia(
        ['user', 'add', '--username', name, '--role', 'agent', '--password-stdin'],
        'Correct-Horse-42\n',
      )
      expect(added.code).toBe(0)
    }
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
})
