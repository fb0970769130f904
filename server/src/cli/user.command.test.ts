import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  embeddedEnv,
  freePort,
  runCli,
  startHealthyServer,
  stopServer,
} from '../../test/cli-process.js'
import { embeddedDatabaseDir, openPGlite } from '../db/database.js'

const dirs: string[] = []
async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custodia-cli-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

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

  it('adds, lists and disables accounts, and refuses what the policy forbids (ACC-1, ACC-4)', async () => {
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: await freshDataDir() })
    const added = await runCli(
      [
        'user',
        'add',
        '--username',
        'alice',
        '--role',
        'agent',
        '--department',
        '客服部',
        '--create-department',
        '--password-stdin',
      ],
      env,
      PASSWORD,
    )
    expect(added).toMatchObject({ code: 0 })
    // The operator typed the password: alice changes it at first sign-in (ACC-4).
    expect(added.stdout).toContain(
      'Created alice (agent); the password must be changed at first sign-in.',
    )

    expect(
      (
        await runCli(
          ['user', 'add', '--username', 'weak', '--role', 'agent', '--password-stdin'],
          env,
          'password\n',
        )
      ).code,
    ).toBe(2)
    expect((await runCli(['user', 'add', '--username', 'nopw', '--role', 'agent'], env)).code).toBe(
      2,
    )
    const duties = await runCli(
      ['user', 'add', '--username', 'boss', '--role', 'sysadmin', 'auditor', '--password-stdin'],
      env,
      PASSWORD,
    )
    expect(duties.code).toBe(2)
    expect(duties.stderr).toMatch(/separation of duties/)
    // An administrator role with a data role is refused on the command line too.
    const mixed = await runCli(
      [
        'user',
        'add',
        '--username',
        'mixed',
        '--role',
        'sysadmin',
        'compliance',
        '--password-stdin',
      ],
      env,
      PASSWORD,
    )
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(
      /separation of duties.*roles: An administrator or auditor cannot also hold/,
    )

    const list = await runCli(['user', 'list'], env)
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/alice\s+active\s+agent\s+客服部/)
    expect(list.stdout).not.toMatch(/weak|nopw|boss|mixed/)

    // Audited as the operating-system user who ran it; the operator-typed password must change.
    const handle = await openPGlite(embeddedDatabaseDir(env.CUSTODIA_DATA_DIR as string))
    try {
      const alice = await handle.db
        .selectFrom('accounts')
        .select(['id', 'must_change_password'])
        .where('username', '=', 'alice')
        .executeTakeFirstOrThrow()
      expect(alice.must_change_password).toBe(true)
      const created = await handle.db
        .selectFrom('audit_events')
        .select(['actor_type', 'actor_name', 'target_id'])
        .where('action', '=', 'account.created')
        .execute()
      expect(created).toEqual([
        { actor_type: 'system', actor_name: `cli:${userInfo().username}`, target_id: alice.id },
      ])
    } finally {
      await handle.close()
    }

    expect((await runCli(['user', 'disable', '--username', 'alice'], env)).code).toBe(0)
    expect((await runCli(['user', 'list'], env)).stdout).toMatch(/alice\s+disabled/)
    expect((await runCli(['user', 'disable', '--username', 'nobody'], env)).code).toBe(1)
  })

  it('adds an account and its new department together or not at all, and names the operator (ACC-1)', async () => {
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: await freshDataDir() })
    const add = (department: string, password: string, ...flags: string[]) =>
      runCli(
        [
          'user',
          'add',
          '--username',
          'li.lei',
          '--role',
          'agent',
          '--department',
          department,
        ].concat(['--password-stdin', ...flags]),
        env,
        password,
      )
    // A mistyped department is refused, not silently created.
    const unknown = await add('客服布', PASSWORD)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/no department named "客服布".*--create-department/)
    // A refused password leaves no department behind.
    const weak = await add('客服部', 'password\n', '--create-department')
    expect(weak.code).toBe(2)
    const created = await add('客服部', PASSWORD, '--create-department')
    expect(created.code, created.stderr).toBe(0)

    const handle = await openPGlite(embeddedDatabaseDir(env.CUSTODIA_DATA_DIR as string))
    try {
      const departments = await handle.db.selectFrom('departments').select('name').execute()
      expect(departments).toEqual([{ name: '客服部' }])
      const events = await handle.db
        .selectFrom('audit_events')
        .select(['action', 'actor_name'])
        .where('action', 'in', ['department.created', 'account.created'])
        .orderBy('id')
        .execute()
      expect(events).toEqual([
        { action: 'department.created', actor_name: `cli:${userInfo().username}` },
        { action: 'account.created', actor_name: `cli:${userInfo().username}` },
      ])
    } finally {
      await handle.close()
    }
  })

  it('never opens the embedded database twice: commands refuse while the server holds it, and work after', async () => {
    const dataDir = await freshDataDir()
    const port = await freePort()
    const env = embeddedEnv({
      CUSTODIA_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      CUSTODIA_ADMIN_PASSWORD: 'Strong-Pass-2026!',
    })
    const server = await startHealthyServer(env, port)
    try {
      for (const [args, stdin] of [
        [['user', 'list'], undefined],
        [['user', 'add', '--username', 'bob', '--role', 'sales', '--password-stdin'], PASSWORD],
        [['migrate'], undefined],
      ] as const) {
        const refused = await runCli([...args], env, stdin)
        expect(refused.code).toBe(1)
        expect(refused.stderr).toMatch(/in use by another Custodia process \(pid \d+\)/)
      }
      const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Strong-Pass-2026!' }),
      })
      expect(signIn.status).toBe(200)
    } finally {
      await stopServer(server)
    }
    expect(await readdir(dataDir)).not.toContain('custodia.lock')
    const list = await runCli(['user', 'list'], env)
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/admin\s+active\s+sysadmin/)
    expect(list.stdout).not.toMatch(/\bbob\b/)
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0)
  })

  it('takes over a lock left by a process that no longer exists', async () => {
    const dataDir = await freshDataDir()
    await writeFile(path.join(dataDir, 'custodia.lock'), '999999')
    expect((await runCli(['migrate'], embeddedEnv({ CUSTODIA_DATA_DIR: dataDir }))).code).toBe(0)
  })
})
