import type { Command } from 'commander'
import { NO_REQUEST, recordAuditEvent } from '../audit/audit-log.js'
import { loadConfig } from '../config.js'
import { openRuntime } from '../runtime.js'
import { rotateMasterKey } from '../security/keys/rotate-master-key.js'
import { runCommand } from './exit.js'

export function registerKeys(keys: Command): void {
  keys
    .command('rotate')
    .description(
      're-wrap every data key under a new master key (no value is re-encrypted); stop the servers first',
    )
    .action(() =>
      runCommand(async () => {
        const config = loadConfig()
        const runtime = await openRuntime(config)
        try {
          const report = await rotateMasterKey(runtime.deps.db, config.masterKeyFile)
          await recordAuditEvent(runtime.deps.db, runtime.deps.clock.now(), NO_REQUEST, {
            actor: { type: 'system', name: 'custodia keys rotate' },
            action: 'keys.rotated',
            details: {
              from: report.from,
              to: report.to,
              customerKeys: report.customerKeys,
              systemKeys: report.systemKeys,
            },
          })
          process.stdout.write(
            `Master key rotated: ${report.from} -> ${report.to}; ${report.customerKeys} customer keys and ${report.systemKeys} system keys re-wrapped.\n` +
              `The old key was moved to ${report.retiredKeyFile}: nothing in the database needs it any more; keep it only as long as backups made before now must be restored, then destroy it.\n`,
          )
          return 0
        } finally {
          await runtime.close()
        }
      }),
    )
}
