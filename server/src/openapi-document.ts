import { buildApp } from './app.js'
import { openPGlite } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { scratchDeps } from './platform/scratch-deps.js'

/**
 * The OpenAPI document of this build, rendered from the routes' zod schemas
 * on a throw-away in-memory database. The web console's API types are
 * generated from it (`npm run api-types`), so they are never written twice.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const handle = await openPGlite(undefined)
  try {
    await migrateToLatest(handle.db)
    const app = await buildApp(await scratchDeps(handle.db))
    await app.ready()
    const document = JSON.stringify(app.swagger(), null, 2)
    await app.close()
    return `${document}\n`
  } finally {
    await handle.close()
  }
}
