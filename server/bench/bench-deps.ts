import { tmpdir } from 'node:os'
import type { Database } from '../src/db/database.js'
import type { AppDeps } from '../src/platform/deps.js'
import { scratchDeps } from '../src/platform/scratch-deps.js'

/** The app's dependencies over a migrated benchmark database. */
export function benchDeps(db: Database, env: Record<string, string> = {}): Promise<AppDeps> {
  return scratchDeps(db, { CUSTODIA_DATA_DIR: tmpdir(), ...env })
}
