import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout } from 'node:timers/promises'
import { afterEach, expect, inject } from 'vitest'
import { STRONG_PASSWORD } from './factories.js'

/** The real `custodia` command, built from these sources (server/test/built-cli.ts). */
export const CLI = inject('builtCli')

export type CliRun = { code: number; stdout: string; stderr: string }

/**
 * A command in a test lives about a second, a server a few requests. V8
 * would spend most of that optimising the embedded database's WebAssembly on
 * other threads for code the process ends before using: twice the CPU the
 * command itself needs, taken from the test files running beside it. The
 * baseline compiler alone runs the same code. A server that serves a whole
 * browser session is started long-lived, with V8's default tiers.
 */
const SHORT_LIVED_NODE_FLAGS = ['--liftoff-only']

export type ServerLifetime = { longLived?: boolean }

/** The environment of this process minus DATABASE_URL: the command uses its embedded database. */
export function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env
  return { ...env, ...extra }
}

/**
 * Makes empty data directories for the tests of one file, each removed after
 * the test that made it. Call once, at the top of the file.
 */
export function dataDirsRemovedAfterEach(): () => Promise<string> {
  const dirs: string[] = []
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
  })
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'custodia-cli-'))
    dirs.push(dir)
    return dir
  }
}

/**
 * Fills the data directory of `env` (CUSTODIA_DATA_DIR, which must be empty
 * or absent) with what `custodia migrate` leaves in a fresh one: its keys,
 * its witness log and an embedded database with every migration applied, set
 * up for the cipher suite `env` names. The real command sets one such
 * directory up once per run and suite; each test starts from a copy, where
 * setting one up afresh costs seconds of CPU (the embedded database's
 * initdb and the migrations). A test of that first run itself (its keys
 * created owner-only) starts from an empty directory.
 */
export async function setUpDataDir(env: NodeJS.ProcessEnv): Promise<void> {
  const suite = env.CUSTODIA_CIPHER_SUITE
  await copyTemplate(env, `migrated-${suite ?? 'default'}`, async (data) => {
    const { CUSTODIA_CIPHER_SUITE: _inherited, ...plain } = embeddedEnv({
      CUSTODIA_DATA_DIR: data,
    })
    const migrated = await runCli(
      ['migrate'],
      suite ? { ...plain, CUSTODIA_CIPHER_SUITE: suite } : plain,
    )
    if (migrated.code !== 0) throw new Error(`custodia migrate: ${migrated.stderr}`)
  })
}

/**
 * setUpDataDir, then `prepare` (real `custodia` commands: accounts added,
 * say) run on it once per run for `name` and the suite of `env`: the test
 * files that prepare the same directory each start from a copy of the one
 * the first of them prepared. `prepare` is given `env` with the data
 * directory it works on.
 */
export async function setUpPreparedDataDir(
  env: NodeJS.ProcessEnv,
  name: string,
  prepare: (env: NodeJS.ProcessEnv) => Promise<void>,
): Promise<void> {
  await copyTemplate(env, `${name}-${env.CUSTODIA_CIPHER_SUITE ?? 'default'}`, async (data) => {
    const preparing = { ...env, CUSTODIA_DATA_DIR: data }
    await setUpDataDir(preparing)
    await prepare(preparing)
  })
}

async function copyTemplate(
  env: NodeJS.ProcessEnv,
  name: string,
  make: (data: string) => Promise<void>,
): Promise<void> {
  const dataDir = env.CUSTODIA_DATA_DIR
  if (!dataDir) throw new Error('the environment names no CUSTODIA_DATA_DIR')
  if (env.DATABASE_URL) throw new Error('a data directory template holds an embedded database')
  let template = templates.get(name)
  if (!template) {
    template = makeOrAwaitTemplate(path.join(path.dirname(CLI), 'data-dir-templates', name), make)
    templates.set(name, template)
  }
  const source = await template
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  if ((await readdir(dataDir)).length > 0) throw new Error(`${dataDir} is not empty`)
  await cp(source, dataDir, { recursive: true })
}

const templates = new Map<string, Promise<string>>()

/**
 * A template data directory, made once per run under the folder of this
 * run's build, which every worker shares: the first worker to ask makes it;
 * the others wait until it is ready.
 */
async function makeOrAwaitTemplate(
  dir: string,
  make: (data: string) => Promise<void>,
): Promise<string> {
  const data = path.join(dir, 'data')
  const failed = path.join(dir, 'failed')
  await mkdir(path.dirname(dir), { recursive: true })
  let mine = true
  try {
    await mkdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    mine = false
  }
  if (mine) {
    try {
      await make(data)
    } catch (error) {
      await writeFile(failed, error instanceof Error ? error.message : String(error))
      throw error
    }
    await writeFile(path.join(dir, 'ready'), '')
    return data
  }
  // Ten minutes: a template of accounts is a dozen commands on a loaded machine.
  for (let i = 0; i < 6000; i++) {
    const entries = await readdir(dir)
    if (entries.includes('ready')) return data
    if (entries.includes('failed'))
      throw new Error(
        `the data directory template ${path.basename(dir)}: ${await readFile(failed, 'utf8')}`,
      )
    await setTimeout(100)
  }
  throw new Error(`the data directory template ${path.basename(dir)} was not ready in ten minutes`)
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...SHORT_LIVED_NODE_FLAGS, CLI, ...args],
      { env },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
    child.stdin?.end(stdin ?? '')
  })
}

/**
 * A staff account added with `custodia user add`, as an operator sets one
 * up: the password typed by its holder (no change at first sign-in, ACC-4),
 * the department created if it is new, none if not named.
 */
export async function addAccountByCommand(
  env: NodeJS.ProcessEnv,
  account: { username: string; role: string; department?: string; displayName?: string },
): Promise<void> {
  const added = await runCli(
    [
      'user',
      'add',
      '--username',
      account.username,
      '--role',
      account.role,
      ...(account.displayName ? ['--display-name', account.displayName] : []),
      ...(account.department ? ['--department', account.department, '--create-department'] : []),
      '--password-stdin',
      '--own-password',
    ],
    env,
    STRONG_PASSWORD,
  )
  expect(added.code, added.stderr).toBe(0)
}

export function startServer(
  env: NodeJS.ProcessEnv,
  { longLived = false }: ServerLifetime = {},
): ChildProcess {
  const flags = longLived ? [] : SHORT_LIVED_NODE_FLAGS
  const child = spawn(process.execPath, [...flags, CLI, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Always drain the output: a server blocked on a full pipe would stall the test.
  child.stdout?.resume()
  child.stderr?.resume()
  return child
}

/** Starts the server and waits until it answers. */
export async function startHealthyServer(
  env: NodeJS.ProcessEnv,
  port: number,
  lifetime: ServerLifetime = {},
): Promise<ChildProcess> {
  const child = startServer(env, lifetime)
  try {
    // Two minutes for a server that is still starting (a loaded machine has taken
    // over thirty seconds), none for one that has stopped.
    await waitForHealth(port, 1200, () => child.exitCode !== null || child.signalCode !== null)
    return child
  } catch (error) {
    await stopServer(child)
    throw error
  }
}

/** SIGTERM, as an operator would; SIGKILL if the process has not gone a while later. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const done = exited(child)
  const stuck = await Promise.race([done.then(() => false), setTimeout(15_000).then(() => true)])
  if (stuck) {
    child.kill('SIGKILL')
    await done
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Polls until the server answers /healthz, a bounded number of times, or `stopped` says it has gone. */
export async function waitForHealth(
  port: number,
  tries = 300,
  stopped: () => boolean = () => false,
): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (stopped()) throw new Error(`the server on port ${port} stopped before it answered`)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await setTimeout(100)
  }
  throw new Error(`the server on port ${port} did not become healthy`)
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })
}
