import { NO_REQUEST } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { Logger } from '../../platform/logging.js'
import { jobPrincipal } from '../../security/job-principal.js'
import { deleteImportFile } from './import-file-store.js'
import { runImport, validateImport } from './import-job.js'
import {
  findImport,
  importsToRun,
  importsWithStaleFiles,
  leaseImport,
  recordProgress,
} from './imports.repository.js'

/**
 * Runs an import's next step — the dry run, or the run — in the
 * background, in the process that holds its lease (imports.repository.ts):
 * started by the request that asked for it, and by the job that picks up
 * what a stopped server left (importsJobs), so that a restart resumes it.
 * It acts as the account that uploaded the file, with that account's
 * grants as they are now: an account disabled since cannot import.
 */
export async function runImportStep(deps: AppDeps, id: string, log?: Logger): Promise<void> {
  if (running.has(id)) return
  running.add(id)
  try {
    if (await leaseImport(deps.db, id, deps.clock.now(), alone(deps)))
      await runLeased(deps, id, log)
  } finally {
    running.delete(id)
  }
}

/** The jobs this process is running: the resuming job does not start one twice. */
const running = new Set<string>()

/** On the embedded database this process is the only one (the data directory's lock). */
const alone = (deps: AppDeps) => deps.config.databaseUrl === undefined

async function runLeased(deps: AppDeps, id: string, log?: Logger): Promise<void> {
  const job = await findImport(deps.db, id)
  if (!job) return
  try {
    const principal = await jobPrincipal(deps.db, job.created_by, `import:${id}`)
    if (!principal?.permissions.has('customers.import')) throw new AppError('FORBIDDEN')
    const call: Call = { deps, principal, context: NO_REQUEST, now: deps.clock.now() }
    if (job.state === 'validating') await validateImport(call, job)
    else if (job.state === 'importing') await runImport(call, job)
  } catch (error) {
    // Recorded as the job's failure (its code, never a value); the details to the log when there is one.
    log?.error({ importId: id, err: error }, 'import failed')
    await recordProgress(deps.db, id, deps.clock.now(), {
      state: 'failed',
      failure: error instanceof AppError ? error.code : 'INTERNAL',
      finished_at: deps.clock.now(),
    })
    await deleteImportFile(deps.db, id)
  } finally {
    await deps.db.updateTable('imports').set({ lease_until: null }).where('id', '=', id).execute()
  }
}

/** Starts the step without waiting for it: the request that asked answers at once. */
export function startImportStep(deps: AppDeps, id: string, log?: Logger): void {
  runImportStep(deps, id, log).catch((error: unknown) => {
    log?.error({ importId: id, err: error }, 'import step failed to start')
  })
}

/**
 * Every job left waiting — by a restart, or a crashed process whose lease
 * ran out — started again. `db` is the background job's own connection
 * (platform/jobs.ts), which holds the embedded database while it runs: the
 * steps are started on the server's pool, to run once the job let go.
 */
export async function resumeImports(deps: AppDeps, db: Database): Promise<void> {
  for (const id of await importsToRun(db, deps.clock.now(), alone(deps))) {
    startImportStep(deps, id)
  }
}

/** The sealed files of ended or expired imports deleted; an expired job still waiting is cancelled. */
export async function deleteStaleImportFiles(db: Database, now: Date): Promise<void> {
  for (const id of await importsWithStaleFiles(db, now)) {
    await db
      .updateTable('imports')
      .set({ state: 'cancelled', finished_at: now })
      .where('id', '=', id)
      .where('state', 'in', ['uploaded', 'ready'])
      .execute()
    await deleteImportFile(db, id)
  }
}
