import { DAY, HOUR } from '../../platform/clock.js'
import { systemCall } from '../../platform/http/call.js'
import type { JobsOf } from '../../platform/jobs.js'
import { SWEEP_JOB } from './duplicate-review.service.js'
import { finaliseMerges } from './merge-pair.js'
import { sweepDuplicates } from './sweep-duplicates.js'

/**
 * Every day, every customer compared for likely duplicates, filling the
 * review queue; every hour, merges past their undo period made final (DQ-1).
 */
export const duplicateReviewJobs: JobsOf = (deps) => [
  {
    name: SWEEP_JOB,
    everyMs: DAY,
    run: (db) => sweepDuplicates(db, systemCall(deps, { type: 'system', name: 'duplicate-sweep' })),
  },
  { name: 'merge-undo-period', everyMs: HOUR, run: (db) => finaliseMerges(db, deps) },
]
