import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type DatabaseHandle, openPGlite, openPostgres } from '../src/db/database.js'

/**
 * Runs a benchmark on a fresh embedded PGlite on disk, then — when
 * BENCH_DATABASE_URL names a PostgreSQL server — on a fresh database there,
 * dropped afterwards.
 */
export async function onEachEngine(
  tag: string,
  run: (handle: DatabaseHandle, engine: string) => Promise<void>,
): Promise<void> {
  // BENCH_ENGINES=postgres (or pglite) runs on one engine only.
  const engines = process.env.BENCH_ENGINES ?? 'pglite,postgres'
  if (engines.includes('pglite')) {
    const dir = await mkdtemp(path.join(tmpdir(), 'custodia-bench-'))
    const embedded = await openPGlite(path.join(dir, 'pgdata'))
    try {
      await run(embedded, 'PGlite (embedded, on disk)')
    } finally {
      await embedded.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
  if (!engines.includes('postgres')) return
  const url = process.env.BENCH_DATABASE_URL
  if (!url) {
    console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL)')
    return
  }
  const name = `custodia_bench_${tag}_${process.pid}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const server = await openPostgres(target.toString(), 20)
  try {
    await run(server, 'PostgreSQL')
  } finally {
    await server.close()
    // BENCH_KEEP=1 keeps the scratch database, to ask the planner about its rows afterwards.
    if (process.env.BENCH_KEEP) console.log(`\nkept the database ${name}`)
    else await admin.query(`drop database ${name} with (force)`)
    await admin.end()
  }
}
