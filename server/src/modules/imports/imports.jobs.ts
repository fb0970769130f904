import { HOUR } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { deleteStaleImportFiles, resumeImports } from './import-runner.js'

/**
 * Imports left waiting by a restart, or by a crashed process whose lease
 * ran out, started again; the sealed files of ended and expired imports
 * deleted. A job's run holds the database for a moment only, and uses the
 * connection it is given (on the embedded database, any other query would
 * wait for it to end): the imports themselves run beside it
 * (import-runner.ts), not inside its lock.
 */
export const importsJobs: JobsOf = (deps) => [
  { name: 'imports-resume', everyMs: 5_000, run: (db) => resumeImports(deps, db) },
  {
    name: 'import-files',
    everyMs: HOUR,
    run: (db) => deleteStaleImportFiles(db, deps.clock.now()),
  },
]
