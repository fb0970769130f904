/**
 * Where a load run's CPU went, per request: this process's main thread (the
 * server), its other threads (the load generator's worker, V8's helpers),
 * and the PostgreSQL server's processes when they run on this machine.
 * Throughput on two cores is shared by all three, so a ratio of requests per
 * second only says which side is slower; these figures say whose work it is.
 * Read from Linux's /proc; elsewhere every figure is absent.
 */
import { readdirSync, readFileSync } from 'node:fs'

export type CpuSplit = { server: number; otherThreads: number; database: number }

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICK_MICROSECONDS = 10_000

/** User plus system ticks of one /proc stat file, 0 when it is gone. */
function ticks(statFile: string): number {
  try {
    // The command name (field 2) may hold spaces: fields are counted after its ")".
    const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? []
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

function isDatabaseProcess(pid: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')
  } catch {
    return false
  }
}

/** The ticks spent so far, or undefined where /proc is not there. */
export function cpuSnapshot(): CpuSplit | undefined {
  const self = `/proc/${process.pid}`
  const server = ticks(`${self}/task/${process.pid}/stat`)
  if (server === 0) return undefined
  // The process's figure keeps the ticks of threads that have ended (the load generator's worker).
  const otherThreads = ticks(`${self}/stat`) - server
  let database = 0
  for (const pid of readdirSync('/proc')) {
    if (/^\d+$/.test(pid) && isDatabaseProcess(pid)) database += ticks(`/proc/${pid}/stat`)
  }
  return { server, otherThreads, database }
}

/** Microseconds of CPU per request between two snapshots. */
export function cpuPerRequest(
  before: CpuSplit | undefined,
  after: CpuSplit | undefined,
  requests: number,
): CpuSplit | undefined {
  if (!before || !after || requests === 0) return undefined
  const per = (k: keyof CpuSplit) => ((after[k] - before[k]) * TICK_MICROSECONDS) / requests
  return { server: per('server'), otherThreads: per('otherThreads'), database: per('database') }
}
