import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import type { TestProject } from 'vitest/node'
import { migrateToLatest } from '../src/db/migrate.js'
import { PGliteDialect } from '../src/db/pglite-dialect.js'
import type { DB } from '../src/db/schema.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a dump of a freshly migrated embedded database. */
    pgliteTemplate: string
  }
}

/**
 * Vitest global set-up: one embedded database is created and migrated once
 * per run, and each test file starts from a copy of it. Creating an embedded
 * database costs seconds of CPU (its own initdb); loading a dump, under one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'custodia-pglite-template-'))
  const file = path.join(dir, 'migrated.tar')
  const pglite = await PGlite.create()
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
  try {
    await migrateToLatest(db)
    const dump = await pglite.dumpDataDir('none')
    await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  } finally {
    await db.destroy()
    await pglite.close()
  }
  project.provide('pgliteTemplate', file)
  return () => rm(dir, { recursive: true, force: true })
}
