import { HOUR } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { flagExpired } from './flag-expired.js'

/** Customers past their retention period are put up for review (RET-1). */
export const retentionJobs: JobsOf = (deps) => [
  { name: 'retention-review', everyMs: HOUR, run: (db) => flagExpired(db, deps.clock.now()) },
]
