import type { Shape } from '../shape.js'
import type { backups as zh } from '../zh-CN/backups.js'

export const backups: Shape<typeof zh> = {
  backups: {
    empty: {
      title: 'No backups yet',
      schedule:
        'The server backs up on a schedule and checks that each backup restores. How often is set in hours by the environment variable CUSTODIA_BACKUP_INTERVAL_HOURS on the server: 24 by default, so every 24 hours, the first one 24 hours after the server starts; 0 turns scheduled backups off. Restart the server after changing it.',
      byHand:
        'To make a backup now, run custodia backup create --out <file> on the server (with the embedded database, stop the server first); backups and their checks are listed here.',
    },
    kind: 'Run',
    kinds: { create: 'Backup', verify: 'Restore check', restore: 'Restore' },
    trigger: 'By',
    triggers: { schedule: 'Schedule', command: 'Command line' },
    file: 'File',
    result: 'Result',
    ok: 'Succeeded',
    failed: 'Failed',
    detail: 'Detail',
    time: 'Time',
    details: {
      archive: 'Customers: {{customers}}; archive {{size}}',
      check: '{{check}} {{result}}: {{detail}}',
      checkOnly: '{{check}} {{result}}',
      passed: 'passed',
      failed: 'failed',
      checks: {
        rowCounts: 'Row counts',
        decryptionSample: 'Decryption sample',
        auditTrail: 'Audit trail',
        restore: 'Restore',
      },
      tables: { customers: 'customers', auditEvents: 'audit events', accounts: 'accounts' },
      count: '{{table}} {{found}}/{{expected}}',
      sample: '{{opened}} of {{sampled}} customers opened',
      trailVerified: '{{events}} events verified',
      trailBroken: 'altered from position {{position}}',
      restoreFailed: 'the archive did not restore (the reason is on hover)',
      separator: '; ',
      listSeparator: ', ',
    },
  },
}
