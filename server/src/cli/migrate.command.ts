import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { openRuntime } from '../runtime.js'
import { runCommand } from './exit.js'

export function registerMigrate(migrate: Command): void {
  migrate.action(() =>
    runCommand(async () => {
      // openRuntime applies the migrations; report what was already there too.
      const runtime = await openRuntime(loadConfig())
      try {
        const rows = await runtime.deps.db
          .selectFrom('schema_migrations' as never)
          .select('name' as never)
          .execute()
        process.stdout.write(`Database is up to date (${rows.length} migrations applied).\n`)
      } finally {
        await runtime.close()
      }
      return 0
    }),
  )
}
