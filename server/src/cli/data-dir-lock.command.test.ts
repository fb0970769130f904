import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  dataDirsRemovedAfterEach,
  embeddedEnv,
  freePort,
  runCli,
  setUpDataDir,
  startHealthyServer,
  stopServer,
} from '../../test/cli-process.js'

const freshDataDir = dataDirsRemovedAfterEach()
const PASSWORD = 'Correct-Horse-42\n'

describe('one process at a time on the embedded database (UI-2)', () => {
  it('never opens the embedded database twice: commands refuse while the server holds it, and work after', async () => {
    const dataDir = await freshDataDir()
    const port = await freePort()
    const env = embeddedEnv({
      CUSTODIA_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      CUSTODIA_ADMIN_PASSWORD: 'Strong-Pass-2026!',
    })
    await setUpDataDir(env)
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
    const env = embeddedEnv({ CUSTODIA_DATA_DIR: await freshDataDir() })
    await setUpDataDir(env)
    await writeFile(path.join(env.CUSTODIA_DATA_DIR as string, 'custodia.lock'), '999999')
    expect((await runCli(['migrate'], env)).code).toBe(0)
  })
})
