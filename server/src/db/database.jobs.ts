import { HOUR } from '../platform/clock.js'
import type { JobsOf } from '../platform/jobs.js'
import { refreshPlannerStatistics } from './statistics.js'

/** The embedded database's stand-in for autovacuum's statistics (db/statistics.ts); a server has its own. */
export const databaseJobs: JobsOf = (deps) =>
  deps.config.databaseUrl
    ? []
    : [{ name: 'planner-statistics', everyMs: HOUR, run: (db) => refreshPlannerStatistics(db) }]
