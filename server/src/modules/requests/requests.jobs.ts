import { MINUTE } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { flagDeadlines } from './request-deadlines.js'

/** Customer requests near or past their deadline are flagged, in the company's time zone (DSR-1). */
export const requestsJobs: JobsOf = (deps) => [
  {
    name: 'request-deadlines',
    everyMs: 10 * MINUTE,
    run: (db) => flagDeadlines(db, deps.clock.now(), deps.config.timeZone),
  },
]
