import type { Selectable } from 'kysely'
import type { NotificationTable } from '../../db/schema.js'
import type { Mail } from './mailer.js'
import { NOTIFICATION_KINDS, type NotificationKind } from './notifications.schemas.js'

const kindOf = (kind: string): NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(kind)
    ? (kind as NotificationKind)
    : 'follow_up.due'

export function presentNotification(row: Selectable<NotificationTable>) {
  return {
    id: row.id,
    kind: kindOf(row.kind),
    link: row.link,
    params: row.params,
    createdAt: row.created_at,
    readAt: row.read_at,
  }
}

/** The company's local time of an ISO instant, as "2026-01-05 10:00". */
function localTime(iso: string | undefined, timeZone: string): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at)
}

/**
 * The e-mail of a notification, in Chinese then English: only its masked
 * parameters and the link to open in the console — never a plain personal
 * value, never the purpose or the result of a follow-up.
 */
export function mailOf(
  notice: { kind: string; link: string; params: Record<string, string> },
  options: { to: string; timeZone: string; publicUrl: string | undefined },
): Mail {
  const customer = notice.params.customer ?? ''
  const due = localTime(notice.params.dueAt, options.timeZone)
  const assignee = notice.params.assignee ?? ''
  const link = `${options.publicUrl ?? ''}${notice.link}`
  if (kindOf(notice.kind) === 'follow_up.overdue') {
    return {
      to: options.to,
      subject: `【Custodia】跟进逾期：${customer} / Overdue follow-up: ${customer}`,
      text: [
        `${assignee} 对客户 ${customer} 的跟进已逾期（应于 ${due} 完成）。`,
        `The follow-up of ${customer} by ${assignee} is overdue (due ${due}).`,
        '',
        link,
      ].join('\n'),
    }
  }
  return {
    to: options.to,
    subject: `【Custodia】跟进到期：${customer} / Follow-up due: ${customer}`,
    text: [
      `您对客户 ${customer} 的跟进应于 ${due} 完成。`,
      `Your follow-up of ${customer} is due ${due}.`,
      '',
      link,
    ].join('\n'),
  }
}
