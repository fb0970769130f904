/**
 * Backup and restore of 100,000 customers (OPS-1): `custodia backup`'s
 * archive (one snapshot as JSON, gzip, AES-256-GCM) and its restore
 * (load, then the destruction ledger), next to plain `pg_dump -Fc` and
 * `pg_restore` of the same database, in the same run. PostgreSQL only:
 * pg_dump needs a server.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { type DatabaseHandle, openPostgres } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createBackup, restoreBackup } from '../src/modules/backup/backup.service.js'
import { createCustomers } from '../src/modules/customers/create-customers.js'
import { benchCall, benchDeps, benchManager } from './bench-deps.js'
import { customer } from './customers.bench.js'
import { onEachEngine } from './engines.js'

const run = promisify(execFile)
const CUSTOMERS = Number(process.env.BENCH_BACKUP_CUSTOMERS ?? 100_000)
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now()
  const value = await work()
  return { value, seconds: (performance.now() - started) / 1000 }
}

/** A scratch database next to the benchmark's, dropped after use. */
async function withScratchDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T> {
  const base = process.env.BENCH_DATABASE_URL as string
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  try {
    return await work(url.toString())
  } finally {
    await admin.query(`drop database ${name} with (force)`)
    await admin.end()
  }
}

async function benchEngine(handle: DatabaseHandle, engine: string): Promise<void> {
  if (!engine.startsWith('PostgreSQL')) {
    console.log(`\n${engine}: skipped (the baseline, pg_dump, needs a server)`)
    return
  }
  await migrateToLatest(handle.db)
  const deps = await benchDeps(handle.db)
  const { principal } = await benchManager(deps)
  for (let from = 0; from < CUSTOMERS; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, CUSTOMERS - from) }, (_, k) =>
      customer(from + k),
    )
    await createCustomers(benchCall(deps, principal), batch)
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'custodia-bench-backup-'))
  const source = new URL(process.env.BENCH_DATABASE_URL as string)
  source.pathname = `/custodia_bench_backup_${process.pid}`
  try {
    const ours = await timed(() => createBackup(handle.db, deps.secrets, new Date()))
    const restore = await withScratchDatabase(
      `custodia_bench_restore_${process.pid}`,
      async (url) => {
        const target = await openPostgres(url)
        try {
          return await timed(() => restoreBackup(target.db, deps.secrets, ours.value, dir))
        } finally {
          await target.close()
        }
      },
    )
    const dumpFile = path.join(dir, 'plain.dump')
    const dump = await timed(() =>
      run(path.join(PG_BIN, 'pg_dump'), ['-Fc', '-d', source.toString(), '-f', dumpFile]),
    )
    const plainRestore = await withScratchDatabase(
      `custodia_bench_pgrestore_${process.pid}`,
      (url) => timed(() => run(path.join(PG_BIN, 'pg_restore'), ['-d', url, dumpFile])),
    )
    const dumpSize = (await stat(dumpFile)).size
    const row = (what: string, oursSeconds: number, plainSeconds: number) =>
      console.log(
        `  ${what.padEnd(26)} ${oursSeconds.toFixed(1).padStart(8)} s ${plainSeconds.toFixed(1).padStart(8)} s  ${(oursSeconds / plainSeconds).toFixed(2).padStart(6)}`,
      )
    console.log(`\n${engine}: ${CUSTOMERS.toLocaleString('en-US')} customers`)
    console.log(
      `  ${''.padEnd(26)} ${'custodia'.padStart(10)} ${'pg_dump'.padStart(10)}  ratio (time, ours / plain)`,
    )
    row('backup', ours.seconds, dump.seconds)
    row('restore', restore.seconds, plainRestore.seconds)
    console.log(
      `  archive ${(ours.value.length / 2 ** 20).toFixed(1)} MiB (encrypted), pg_dump ${(dumpSize / 2 ** 20).toFixed(1)} MiB (plain)`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function benchBackup(): Promise<void> {
  console.log('\n== Backup and restore (OPS-1)')
  await onEachEngine('backup', benchEngine)
}
