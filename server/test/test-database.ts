import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { inject } from 'vitest'
import { type DatabaseHandle, openPGlite, openPostgres } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'

export type TestEngine = 'pglite' | 'postgres'

export const testEngine: TestEngine =
  process.env.CUSTODIA_TEST_DB === 'postgres' ? 'postgres' : 'pglite'

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a
 * new database on the PostgreSQL server of TEST_DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  if (testEngine === 'pglite') {
    // A copy of the database the global set-up migrated (pglite-template.ts);
    // migrating again finds nothing to do, or applies what the template lacks.
    const template = await readFile(inject('pgliteTemplate'))
    const handle = await openPGlite(undefined, { loadDataDir: new Blob([template]) })
    await migrateToLatest(handle.db)
    return handle
  }
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) throw new Error('CUSTODIA_TEST_DB=postgres needs TEST_DATABASE_URL')
  const name = `custodia_test_${randomBytes(6).toString('hex')}`
  // A copy of the database the global set-up migrated (postgres-template.ts).
  await adminQuery(serverUrl, `create database ${name} template ${inject('postgresTemplate')}`)
  const url = withDatabase(serverUrl, name)
  const handle = await openPostgres(url, 20)
  await migrateToLatest(handle.db)
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close()
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`)
    },
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
