import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { openPostgres } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { adminQuery, withDatabase } from './test-database.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database on the test server, freshly migrated, that test databases are copied from. */
    postgresTemplate: string
  }
}

/**
 * Vitest global set-up of the PostgreSQL project: one database is migrated
 * once per run, and each test file's database is created as a copy of it
 * (`create database … template`), which takes a tenth of migrating anew.
 * Migrating an empty server database is thereby tested once per run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) throw new Error('the PostgreSQL project needs TEST_DATABASE_URL')
  const name = `custodia_template_${randomBytes(6).toString('hex')}`
  await adminQuery(serverUrl, `create database ${name}`)
  // A template may have no session open while it is copied: migrate, then close.
  const handle = await openPostgres(withDatabase(serverUrl, name), 2)
  try {
    await migrateToLatest(handle.db)
  } finally {
    await handle.close()
  }
  project.provide('postgresTemplate', name)
  return () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`)
}
