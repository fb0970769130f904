import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The embedded database belongs to one process. Whoever opens it first holds
 * a lock file with its pid; another process finds it and refuses, instead of
 * opening the same files twice and corrupting them. A lock left by a process
 * that no longer exists is taken over.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Custodia process (pid ${pid}). ` +
        'Stop that process first, or use a PostgreSQL server via DATABASE_URL so several processes can share it.',
    )
  }
}

export type DataDirLock = { release(): Promise<void> }

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const file = path.join(dataDir, 'custodia.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 })
      return { release: () => unlink(file).catch(() => undefined) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim())
      if (holder && holder !== process.pid && isAlive(holder))
        throw new DataDirBusyError(dataDir, holder)
      await unlink(file).catch(() => undefined)
    }
  }
  throw new Error(`Could not lock ${dataDir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
