import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, embeddedEnv, runCli, setUpDataDir } from '../../test/cli-process.js'
import { STRONG_PASSWORD } from '../../test/factories.js'

let dir: string
let env: NodeJS.ProcessEnv
/** One archive of the data directory, made once: each test checks a side of it. */
let archive: string
let created: CliRun

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'custodia-backup-'))
  env = embeddedEnv({ CUSTODIA_DATA_DIR: path.join(dir, 'data') })
  await setUpDataDir(env)
  const added = await runCli(
    ['user', 'add', '--username', 'backup.officer', '--role', 'compliance', '--password-stdin'],
    env,
    STRONG_PASSWORD,
  )
  expect(added.code, added.stderr).toBe(0)
  archive = path.join(dir, 'one.backup')
  created = await runCli(['backup', 'create', '--out', archive], env)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('custodia backup (OPS-1)', () => {
  it('creates an encrypted archive, verifies it, and refuses a corrupted one', async () => {
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/^Backup [0-9a-f-]+ written/)
    expect((await readFile(archive)).toString('latin1')).not.toContain('backup.officer')

    const verified = await runCli(['backup', 'verify', '--in', archive], env)
    expect(verified.code, verified.stdout + verified.stderr).toBe(0)
    expect(verified.stdout).toContain('ok   audit trail')

    const bytes = await readFile(archive)
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff
    const corrupted = path.join(dir, 'corrupted.backup')
    await writeFile(corrupted, bytes)
    const refused = await runCli(['backup', 'verify', '--in', corrupted], env)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('FAIL restore')
  })

  it('restores into an empty data directory given the key store, and the trail verifies there', async () => {
    expect(created.code).toBe(0)
    // The key store (master key, audit signing key, destruction ledger) is kept apart from data backups.
    await cp(path.join(dir, 'data', 'keys'), path.join(dir, 'restored', 'keys'), {
      recursive: true,
    })
    const elsewhere = embeddedEnv({ CUSTODIA_DATA_DIR: path.join(dir, 'restored') })
    const restored = await runCli(['backup', 'restore', '--in', archive], elsewhere)
    expect(restored.code, restored.stderr).toBe(0)
    const users = await runCli(['user', 'list'], elsewhere)
    expect(users.stdout).toContain('backup.officer')
    const trail = await runCli(['audit', 'verify'], elsewhere)
    expect(trail.code, trail.stdout + trail.stderr).toBe(0)
  })
})
