/** The backup module's face: what the command line, the server start and app.ts may use. */

export { backupJobs } from './backup.jobs.js'
export { createBackup, restoreBackup } from './backup.service.js'
export { readManifest } from './backup-archive.js'
export { archiveDetail, recordRun } from './backup-runs.js'
export { backupsRoutes } from './backups.routes.js'
export { describeChecks, verifyBackup } from './verify-backup.js'
