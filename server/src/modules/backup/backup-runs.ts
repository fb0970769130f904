import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from '../../db/database.js'
import type { BackupRunTable } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { createBackup } from './backup.service.js'
import { type Manifest, readManifest } from './backup-archive.js'
import { describeChecks, verifyBackup } from './verify-backup.js'

type Run = Omit<BackupRunTable, 'id'>

export async function recordRun(db: Database, run: Run): Promise<void> {
  await db.insertInto('backup_runs').values(run).execute()
}

/** What a backup run records of its archive: counts and size, nothing personal. */
export function archiveDetail(manifest: Manifest, bytes: number): string {
  return `${manifest.counts.customers ?? 0} customers, ${bytes} bytes`
}

export const backupDir = (dataDir: string) => path.join(dataDir, 'backups')

/**
 * The scheduled backup (OPS-1): an archive into `$dataDir/backups`, then
 * its verification — a backup is proven restorable the day it is made —
 * each recorded in `backup_runs`; the newest `keep` archives are kept.
 */
export async function scheduledBackup(
  deps: AppDeps,
  masterKey: () => Promise<Buffer>,
): Promise<void> {
  const dir = backupDir(deps.config.dataDir)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const started = deps.clock.now()
  const archive = await createBackup(deps.db, deps.secrets, started)
  const { manifest } = readManifest(archive)
  const file = `custodia-${started.toISOString().replaceAll(':', '-')}.backup`
  await writeFile(path.join(dir, file), archive, { mode: 0o600 })
  await recordRun(deps.db, {
    kind: 'create',
    trigger: 'schedule',
    backup_id: manifest.id,
    file,
    ok: true,
    detail: archiveDetail(manifest, archive.length),
    started_at: started,
    finished_at: deps.clock.now(),
  })
  const verifying = deps.clock.now()
  const report = await verifyBackup(deps, await masterKey(), archive)
  await recordRun(deps.db, {
    kind: 'verify',
    trigger: 'schedule',
    backup_id: manifest.id,
    file,
    ok: report.ok,
    detail: describeChecks(report),
    started_at: verifying,
    finished_at: deps.clock.now(),
  })
  const archives = (await readdir(dir)).filter((f) => f.endsWith('.backup')).sort()
  for (const old of archives.slice(0, Math.max(0, archives.length - deps.config.backups.keep))) {
    await rm(path.join(dir, old))
  }
}
