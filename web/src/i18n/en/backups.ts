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
  },
}
