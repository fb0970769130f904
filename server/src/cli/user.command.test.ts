import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataDirsRemovedAfterEach, embeddedEnv, runCli } from '../../test/cli-process.js'

const freshDataDir = dataDirsRemovedAfterEach()

const PASSWORD = 'Correct-Horse-42\n'

describe('the custodia command (UI-2)', () => {
  it('answers --help with usage and exit 0, and bad usage with exit 2', async () => {
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: await freshDataDir() })
    const help = await runCli(['--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: custodia/)
    for (const command of [
      ['serve'],
      ['migrate'],
      ['user', 'add'],
      ['user', 'list'],
      ['user', 'disable'],
      ['audit', 'verify'],
      ['keys', 'rotate'],
    ]) {
      const sub = await runCli([...command, '--help'], env)
      expect(sub.code).toBe(0)
      expect(sub.stdout).toMatch(new RegExp(`Usage: custodia ${command.join(' ')}`))
    }
    expect((await runCli(['frobnicate'], env)).code).toBe(2)
    const version = await runCli(['--version'], env)
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) })
    // A file that is not there: bad usage, said plainly, and the data directory stays empty.
    const missing = await runCli(['backup', 'verify', '--in', 'no-such-backup.cbk'], env)
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'custodia: --in: no such file: no-such-backup.cbk\n',
    })
    expect(await readdir(env.CUSTODIA_DATA_DIR as string)).toEqual([])
    // A weak password is refused naming the rules it breaks (ACC-4).
    const weak = await runCli(
      ['user', 'add', '--username', 'wang', '--role', 'agent', '--password-stdin'],
      env,
      'wang-short\n',
    )
    expect(weak.code).toBe(2)
    expect(weak.stderr).toMatch(/12 to 256 characters.*three of.*must not contain the username/)
    expect(
      (await runCli(['user', 'add', '--role', 'agent', '--password-stdin'], env, PASSWORD)).code,
    ).toBe(2)
    expect(
      (
        await runCli(
          ['user', 'add', '--username', 'x1y', '--role', 'king', '--password-stdin'],
          env,
          PASSWORD,
        )
      ).code,
    ).toBe(2)
  })

  it('stops on bad configuration with one line naming the variable, touching nothing', async () => {
    const dataDir = path.join(await freshDataDir(), 'never-created')
    for (const [variable, value] of [
      ['PORT', 'abc'],
      ['CUSTODIA_LOG_LEVEL', 'loud'],
      ['DATABASE_URL', 'mysql://localhost/x'],
    ]) {
      const result = await runCli(
        ['migrate'],
        embeddedEnv({ CUSTODIA_DATA_DIR: dataDir, [variable as string]: value as string }),
      )
      expect(result.code).toBe(2)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toContain(`Invalid configuration: ${variable} `)
    }
    await expect(stat(dataDir)).rejects.toThrow()
  })

  it('migrates a fresh data directory, creating its keys owner-only, and again without harm', async () => {
    const dataDir = await freshDataDir()
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: dataDir })
    expect((await runCli(['migrate'], env)).code).toBe(0)
    expect((await stat(path.join(dataDir, 'keys', 'master.key'))).mode & 0o777).toBe(0o600)
    expect((await stat(path.join(dataDir, 'keys', 'audit-signing.key'))).mode & 0o777).toBe(0o600)
    const again = await runCli(['migrate'], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/up to date/)
  })
})
