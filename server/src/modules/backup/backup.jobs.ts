import { HOUR } from '../../platform/clock.js'
import type { JobsOf } from '../../platform/jobs.js'
import { readMasterKey } from '../../security/master-key.js'
import { scheduledBackup } from './backup-runs.js'

/** Backups on a schedule when CUSTODIA_BACKUP_INTERVAL_HOURS is set (OPS-1); none otherwise. */
export const backupJobs: JobsOf = (deps) =>
  deps.config.backups.intervalHours > 0
    ? [
        {
          name: 'scheduled-backup',
          everyMs: deps.config.backups.intervalHours * HOUR,
          // On the job's own connection: on the embedded database, the server's handle would wait on it.
          run: (db) =>
            scheduledBackup({ ...deps, db }, () => readMasterKey(deps.config.masterKeyFile)),
        },
      ]
    : []
