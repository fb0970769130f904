import { HOUR } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { destroyRejectedDrafts } from './destroy-rejected-drafts.js'

/** Drafts sent back and not corrected in time are destroyed (CUS-4). */
export const destructionJobs: JobsOf = (deps) => [
  { name: 'rejected-drafts', everyMs: HOUR, run: (db) => destroyRejectedDrafts(db, deps) },
]
