import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { NO_REQUEST, recordAuditEvent } from '../audit/audit-log.js'
import { loadConfig } from '../config.js'
import { createBackup, restoreBackup } from '../modules/backup/backup.service.js'
import { readManifest } from '../modules/backup/backup-archive.js'
import { recordRun } from '../modules/backup/backup-runs.js'
import { verifyBackup } from '../modules/backup/verify-backup.js'
import { openRuntime } from '../runtime.js'
import { readMasterKey } from '../security/master-key.js'
import { EXIT_FAILED, runCommand } from './exit.js'

const actor = (command: string) => ({ type: 'system', name: `custodia backup ${command}` }) as const

/** `custodia backup create | verify | restore` (OPS-1), on the embedded database or DATABASE_URL. */
export function registerBackup(program: Command): void {
  const backup = program
    .command('backup')
    .description('encrypted backups and their restore checks (OPS-1)')

  backup
    .command('create')
    .description('write an encrypted backup of the database')
    .requiredOption('--out <file>', 'the archive to write')
    .action((options: { out: string }) =>
      runCommand(async () => {
        const runtime = await openRuntime(loadConfig())
        try {
          const { deps } = runtime
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
            detail: `${manifest.counts.customers ?? 0} customers, ${archive.length} bytes`,
            started_at: started,
            finished_at: deps.clock.now(),
          })
          await recordAuditEvent(deps.db, deps.clock.now(), NO_REQUEST, {
            actor: actor('create'),
            action: 'backup.created',
            details: { backupId: manifest.id, customers: manifest.counts.customers ?? 0 },
          })
          process.stdout.write(
            `Backup ${manifest.id} written to ${options.out}: ${manifest.counts.customers ?? 0} customers, ${manifest.counts.audit_events ?? 0} audit events, ${archive.length} bytes.\n`,
          )
          return 0
        } finally {
          await runtime.close()
        }
      }),
    )

  backup
    .command('verify')
    .description('restore into a scratch database and check it; exit 1 if it fails')
    .requiredOption('--in <file>', 'the archive to check')
    .action((options: { in: string }) =>
      runCommand(async () => {
        const config = loadConfig()
        const runtime = await openRuntime(config)
        try {
          const { deps } = runtime
          const file = await readFile(options.in)
          const started = deps.clock.now()
          const report = await verifyBackup(deps, await readMasterKey(config.masterKeyFile), file)
          await recordRun(deps.db, {
            kind: 'verify',
            trigger: 'command',
            backup_id: null,
            file: path.basename(options.in),
            ok: report.ok,
            detail: report.checks
              .map((c) => `${c.ok ? 'ok' : 'FAIL'} ${c.name}: ${c.detail}`)
              .join('; '),
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
        } finally {
          await runtime.close()
        }
      }),
    )

  backup
    .command('restore')
    .description('restore into an empty data directory / database')
    .requiredOption('--in <file>', 'the archive to restore')
    .action((options: { in: string }) =>
      runCommand(async () => {
        const config = loadConfig()
        const runtime = await openRuntime(config)
        try {
          const { deps } = runtime
          const report = await restoreBackup(
            deps.db,
            deps.secrets,
            await readFile(options.in),
            config.dataDir,
          )
          await recordAuditEvent(deps.db, deps.clock.now(), NO_REQUEST, {
            actor: actor('restore'),
            action: 'backup.restored',
            details: { backupId: report.manifest.id, destroyedAgain: report.destroyedAgain },
          })
          process.stdout.write(
            `Backup ${report.manifest.id} of ${report.manifest.createdAt} restored; ${report.destroyedAgain} customers destroyed since were destroyed again.\n`,
          )
          return 0
        } finally {
          await runtime.close()
        }
      }),
    )
}
