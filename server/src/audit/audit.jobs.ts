import { DAY } from '../platform/clock.js'
import type { JobsOf } from '../platform/jobs.js'
import { pruneAuditTrail } from './prune.js'
import { sealAndWatch } from './seal-and-watch.js'

/**
 * The audit trail's own work (AUD-2): sealing new events into the hash chain
 * every second, and pruning what is past CUSTODIA_AUDIT_RETENTION_DAYS daily.
 */
export const auditJobs: JobsOf = (deps) => [
  {
    name: 'audit-sealer',
    everyMs: 1000,
    run: (db) => sealAndWatch(db, deps.auditSigner, deps.clock),
  },
  {
    name: 'audit-prune',
    everyMs: DAY,
    run: (db) => pruneAuditTrail(db, deps.clock.now(), deps.config.auditRetentionDays),
  },
]
