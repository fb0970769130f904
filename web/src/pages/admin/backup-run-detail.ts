import type { TFunction } from 'i18next'
import type { BackupRun } from '../../api/types.js'

type Details = BackupRun['details']
type Check = Extract<Details, { type: 'checks' }>['checks'][number]

/** An archive's size as people read it: bytes, KB or MB, one decimal. */
export function formatSize(bytes: number, language: string): string {
  const number = (value: number) =>
    value.toLocaleString(language, { maximumFractionDigits: value < 10 ? 1 : 0 })
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KB`
  return `${number(bytes / (1024 * 1024))} MB`
}

/**
 * A backup run's detail in the user's language (issue 14 item 1, OPS-1),
 * from the parts the server reads out of its record; the technical reason
 * a restore failed stays on hover. A record the server could not read is
 * shown as recorded.
 */
export function backupRunDetail(
  t: TFunction,
  language: string,
  details: Details,
): { text: string; hover?: string } {
  switch (details.type) {
    case 'archive':
      return {
        text: t('backups.details.archive', {
          customers: details.customers,
          size: formatSize(details.bytes, language),
        }),
      }
    case 'checks': {
      const hover = details.checks
        .flatMap((c) => (c.check === 'restore' ? [c.message] : []))
        .join('; ')
      return {
        text: details.checks.map((c) => checkText(t, c)).join(t('backups.details.separator')),
        ...(hover && { hover }),
      }
    }
    default:
      return { text: details.text }
  }
}

function checkText(t: TFunction, check: Check): string {
  const name = t(`backups.details.checks.${check.check}`)
  const result = t(check.ok ? 'backups.details.passed' : 'backups.details.failed')
  const detail = checkDetail(t, check)
  return detail
    ? t('backups.details.check', { check: name, result, detail })
    : t('backups.details.checkOnly', { check: name, result })
}

function checkDetail(t: TFunction, check: Check): string | null {
  switch (check.check) {
    case 'rowCounts':
      return check.tables
        .map((row) =>
          t('backups.details.count', {
            table: t(`backups.details.tables.${row.table}`),
            found: row.found,
            expected: row.expected,
          }),
        )
        .join(t('backups.details.listSeparator'))
    case 'decryptionSample':
      return t('backups.details.sample', { opened: check.opened, sampled: check.sampled })
    case 'auditTrail':
      if (check.events !== null) return t('backups.details.trailVerified', { events: check.events })
      return check.firstBadPosition === null
        ? null
        : t('backups.details.trailBroken', { position: check.firstBadPosition })
    case 'restore':
      return check.ok ? null : t('backups.details.restoreFailed')
  }
}
