import type { Shape } from '../shape.js'
import type { backups as zh } from '../zh-CN/backups.js'

export const backups: Shape<typeof zh> = {
  backups: {
    empty:
      'No backups yet. The server backs up and verifies on a schedule (CUSTODIA_BACKUP_INTERVAL_HOURS); `custodia backup` does it by hand.',
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
