import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  embeddedEnv,
  freePort,
  runCli,
  setUpDataDir,
  startHealthyServer,
  stopServer,
} from '../../test/cli-process.js'
import { CANARY, individual } from '../../test/customer-fixtures.js'
import { STRONG_PASSWORD } from '../../test/factories.js'
import { signInOverHttp } from '../../test/http-session.js'

let dataDir: string
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

async function withServer<T>(
  env: NodeJS.ProcessEnv,
  port: number,
  work: () => Promise<T>,
): Promise<T> {
  const server = await startHealthyServer(env, port)
  try {
    return await work()
  } finally {
    await stopServer(server)
  }
}

describe.each(['aes-gcm', 'sm'])('custodia keys rotate, %s suite (CLS-2)', (suite) => {
  it('re-wraps the keys; the server then runs on the new key alone', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'custodia-keys-'))
    const port = await freePort()
    const env = embeddedEnv({
      CUSTODIA_DATA_DIR: dataDir,
      PORT: String(port),
      CUSTODIA_CIPHER_SUITE: suite,
      CUSTODIA_MFA_REQUIRED_ROLES: '',
    })
    await setUpDataDir(env)
    const added = await runCli(
      [
        'user',
        'add',
        '--username',
        'key.manager',
        '--role',
        'manager',
        '--department',
        '运营部',
        '--create-department',
        '--password-stdin',
        // The holder typed it: no forced change before the test signs in (ACC-4).
        '--own-password',
      ],
      env,
      STRONG_PASSWORD,
    )
    expect(added.code, added.stderr).toBe(0)
    const id = await withServer(env, port, async () => {
      const send = await signInOverHttp(port, 'key.manager', STRONG_PASSWORD)
      const created = await send('POST', '/customers', individual())
      expect(created.status).toBe(201)
      return created.json.id as string
    })

    const rotated = await runCli(['keys', 'rotate'], env)
    expect(rotated.code, rotated.stderr).toBe(0)
    expect(rotated.stdout).toMatch(/1 customer keys and 1 system keys re-wrapped/)
    const keysDir = path.join(dataDir, 'keys')
    const retired = (await readdir(keysDir)).filter((f) => f.startsWith('master.key.retired-'))
    expect(retired).toHaveLength(1)
    await rm(path.join(keysDir, retired[0] as string))

    await withServer(env, port, async () => {
      const send = await signInOverHttp(port, 'key.manager', STRONG_PASSWORD)
      const revealed = await send('POST', `/customers/${id}/reveal`, {
        fields: ['idNumber', 'bankCards'],
        purpose: 'service',
      })
      expect(revealed.json.values, JSON.stringify(revealed.json)).toEqual({
        idNumber: CANARY.idNumber,
        bankCards: CANARY.bankCards,
      })
      expect((await send('GET', `/customers?mobile=${CANARY.mobile}`)).json.items).toHaveLength(1)
    })
    const verified = await runCli(['audit', 'verify'], env)
    expect(verified.code, verified.stdout).toBe(0)
  })
})

describe('the cipher suite', () => {
  it('cannot change after set-up', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'custodia-suite-'))
    try {
      // Set up by `custodia migrate` with the SM suite (a copy of a directory it set up once per run).
      await setUpDataDir(embeddedEnv({ CUSTODIA_DATA_DIR: dir, CUSTODIA_CIPHER_SUITE: 'sm' }))
      expect(
        (
          await runCli(
            ['migrate'],
            embeddedEnv({ CUSTODIA_DATA_DIR: dir, CUSTODIA_CIPHER_SUITE: 'sm' }),
          )
        ).code,
      ).toBe(0)
      const changed = await runCli(
        ['migrate'],
        embeddedEnv({ CUSTODIA_DATA_DIR: dir, CUSTODIA_CIPHER_SUITE: 'aes-gcm' }),
      )
      expect(changed.code).toBe(2)
      expect(changed.stderr).toMatch(
        /CUSTODIA_CIPHER_SUITE is aes-gcm but this installation was set up with sm/,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
