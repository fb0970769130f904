import { HOUR } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { recycleCall, recycleCustomers } from './recycle-customers.js'

/**
 * Customers without a follow-up or a deal for their grade's period are
 * warned of, then returned to the pool (CUS-10). Checked every hour, so a
 * customer returns within the hour its time is up.
 */
export const poolJobs: JobsOf = (deps) => [
  { name: 'pool-recycle', everyMs: HOUR, run: (db) => recycleCustomers(recycleCall(deps), db) },
]
