import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { NO_REQUEST, recordAuditEvent } from '../audit/audit-log.js'
import { type Config, loadConfig } from '../config.js'
import {
  archiveDetail,
  createBackup,
  describeChecks,
  readManifest,
  recordRun,
  restoreBackup,
  verifyBackup,
} from '../modules/backup/index.js'
import { openRuntime, type Runtime } from '../runtime.js'
import { readMasterKey } from '../security/master-key.js'
import { EXIT_FAILED, readOptionFile, runCommand } from './exit.js'
import { count } from './format.js'

const actor = (command: string) => ({ type: 'system', name: `custodia backup ${command}` }) as const

/** Runs `work` on the opened runtime and always closes it. */
async function inRuntime(
  work: (runtime: Runtime, config: Config) => Promise<number>,
): Promise<number> {
  const config = loadConfig()
  const runtime = await openRuntime(config)
  try {
    return await work(runtime, config)
  } finally {
    await runtime.close()
  }
}

/** `custodia backup create | verify | restore` (OPS-1), on the embedded database or DATABASE_URL. */
export function registerBackup(backup: Command): void {
  backup
    .command('create')
    .description('write an encrypted backup of the database')
    .requiredOption('--out <file>', 'the archive to write')
    .action((options: { out: string }) =>
      runCommand(() =>
        inRuntime(async ({ deps }) => {
          const started = deps.clock.now()
          const archive = await createBackup(deps.db, deps.secrets, started)
          await writeFile(options.out, archive, { mode: 0o600 })
          const { manifest } = readManifest(archive)
          await recordRun(deps.db, {
            kind: 'create',
            trigger: 'command',
            backup_id: manifest.id,
            file: path.basename(options.out),
            ok: true,
            detail: archiveDetail(manifest, archive.length),
            started_at: started,
            finished_at: deps.clock.now(),
          })
          await recordAuditEvent(deps.db, deps.clock.now(), NO_REQUEST, {
            actor: actor('create'),
            action: 'backup.created',
            details: { backupId: manifest.id, customers: manifest.counts.customers ?? 0 },
          })
          process.stdout.write(
            `Backup ${manifest.id} written to ${options.out}: ${count(manifest.counts.customers ?? 0, 'customer')}, ${count(manifest.counts.audit_events ?? 0, 'audit event')}, ${count(archive.length, 'byte')}.\n`,
          )
          return 0
        }),
      ),
    )

  backup
    .command('verify')
    .description('restore into a scratch database and check it; exit 1 if it fails')
    .requiredOption('--in <file>', 'the archive to check')
    .action((options: { in: string }) =>
      runCommand(async () => {
        // Read before the runtime opens: a bad --in changes nothing, not even an empty data directory.
        const file = await readOptionFile(options.in, '--in')
        return inRuntime(async ({ deps }, config) => {
          const started = deps.clock.now()
          const report = await verifyBackup(deps, await readMasterKey(config.masterKeyFile), file)
          await recordRun(deps.db, {
            kind: 'verify',
            trigger: 'command',
            backup_id: null,
            file: path.basename(options.in),
            ok: report.ok,
            detail: describeChecks(report),
            started_at: started,
            finished_at: deps.clock.now(),
          })
          for (const check of report.checks) {
            process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}\n`)
          }
          await recordAuditEvent(deps.db, deps.clock.now(), NO_REQUEST, {
            actor: actor('verify'),
            action: 'backup.verified',
            outcome: report.ok ? 'allowed' : 'denied',
            ...(report.ok ? {} : { reason: 'verification_failed' }),
            details: { checks: report.checks.map((c) => `${c.name}:${c.ok ? 'ok' : 'failed'}`) },
          })
          return report.ok ? 0 : EXIT_FAILED
        })
      }),
    )

  backup
    .command('restore')
    .description('restore into an empty data directory / database')
    .requiredOption('--in <file>', 'the archive to restore')
    .action((options: { in: string }) =>
      runCommand(async () => {
        const file = await readOptionFile(options.in, '--in')
        return inRuntime(async ({ deps }, config) => {
          const report = await restoreBackup(deps.db, deps.secrets, file, config.dataDir)
          await recordAuditEvent(deps.db, deps.clock.now(), NO_REQUEST, {
            actor: actor('restore'),
            action: 'backup.restored',
            details: { backupId: report.manifest.id, destroyedAgain: report.destroyedAgain },
          })
          process.stdout.write(
            `Backup ${report.manifest.id} of ${report.manifest.createdAt} restored; ${count(report.destroyedAgain, 'customer')} destroyed since the backup ${report.destroyedAgain === 1 ? 'was' : 'were'} destroyed again.\n`,
          )
          return 0
        })
      }),
    )
}
