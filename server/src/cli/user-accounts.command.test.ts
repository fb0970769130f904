import { userInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import {
  dataDirsRemovedAfterEach,
  embeddedEnv,
  runCli,
  setUpDataDir,
} from '../../test/cli-process.js'
import { embeddedDatabaseDir, openPGlite } from '../db/database.js'

const freshDataDir = dataDirsRemovedAfterEach()
const PASSWORD = 'Correct-Horse-42\n'

describe('custodia user: accounts from the command line (UI-2, ACC-1)', () => {
  it('adds, lists and disables accounts, and refuses what the policy forbids (ACC-1, ACC-4)', async () => {
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: await freshDataDir() })
    await setUpDataDir(env)
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
    await setUpDataDir(env)
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
})
