import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { embeddedEnv, runCli, setUpDataDir } from '../../test/cli-process.js'
import { embeddedDatabaseDir, openPGlite } from '../db/database.js'

/**
 * CUS-2: text typed on the command line meets the same
 * rule as text sent over HTTP — the disguised name is refused,
 * zero-width characters are removed.
 */
let dir: string
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('custodia user add: names follow the text rule (CUS-2)', () => {
  it('refuses a display name or department with an override, cleans a zero-width space', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'custodia-cli-text-'))
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: dir })
    await setUpDataDir(env)
    const add = (...extra: string[]) =>
      runCli(
        ['user', 'add', '--username', 'zhang.san', '--role', 'agent', '--password-stdin', ...extra],
        env,
        'Correct-Horse-42\n',
      )
    const refused = await add('--display-name', '张\u202e三\u200b')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(
      /^custodia: --display-name contains characters that are not allowed/,
    )
    const department = await add('--display-name', '张三', '--department', '客服\u2066部')
    expect(department.code).toBe(2)
    expect(department.stderr).toMatch(/^custodia: --department /)
    expect((await runCli(['user', 'list'], env)).stdout).not.toContain('zhang.san')

    const created = await add(
      '--display-name',
      '张\u200b三',
      '--department',
      '客服\u200d部',
      '--create-department',
    )
    expect(created.code, created.stderr).toBe(0)
    const list = (await runCli(['user', 'list'], env)).stdout
    expect(list).toContain('zhang.san')
    expect(list).toContain('客服部')
    expect(list).not.toMatch(/[\u200b\u200d]/)
    const handle = await openPGlite(embeddedDatabaseDir(dir))
    try {
      const row = await handle.db
        .selectFrom('accounts')
        .select('display_name')
        .where('username', '=', 'zhang.san')
        .executeTakeFirstOrThrow()
      expect(row.display_name).toBe('张三')
    } finally {
      await handle.close()
    }
  })
})
