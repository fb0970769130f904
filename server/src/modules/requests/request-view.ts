import type { Selectable } from 'kysely'
import type { DataRequestTable } from '../../db/schema.js'
import type { CustomerKey, Vault } from '../../security/vault.js'
import { dayIn, type Overrides, workingDaysLeft } from '../calendar/index.js'

export type RequestRow = Selectable<DataRequestTable> & {
  assignee_name: string | null
  verifier_name: string | null
}

/** Due soon: this many working days or fewer left (DSR-1). */
export const WARN_WORKING_DAYS = 5

/** An answered deletion waits for destruction (RET-2); its customer is restricted meanwhile. */
const ANSWERED = new Set(['completed', 'refused', 'awaiting_destruction'])

export function isAnswered(status: string): boolean {
  return ANSWERED.has(status)
}

export function urgencyOf(row: RequestRow, now: Date, left: number) {
  if (ANSWERED.has(row.status)) return 'closed' as const
  if (now > row.due_at) return 'overdue' as const
  return left <= WARN_WORKING_DAYS ? ('due_soon' as const) : ('ok' as const)
}

/** A request as the queue shows it; sealed texts are opened only when `key` is given. */
export function presentRequest(
  row: RequestRow,
  context: { now: Date; timeZone: string; overrides: Overrides },
  opened?: { vault: Vault; key: CustomerKey },
) {
  const left = workingDaysLeft(dayIn(context.timeZone, context.now), row.due_day, context.overrides)
  const open = (field: string) => {
    const sealed = row.sealed[field]
    return sealed && opened ? opened.vault.open(opened.key, `request.${field}`, sealed) : null
  }
  return {
    id: row.id,
    customerId: row.customer_id,
    type: row.type,
    status: row.status,
    channel: row.channel,
    purposes: row.purposes,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    identity:
      row.identity_method && row.identity_verified_at
        ? {
            method: row.identity_method,
            verifiedAt: row.identity_verified_at,
            verifiedBy: row.verifier_name ?? '',
          }
        : null,
    receivedAt: row.received_at,
    dueDay: row.due_day,
    dueAt: row.due_at,
    workingDaysLeft: ANSWERED.has(row.status) ? 0 : left,
    urgency: urgencyOf(row, context.now, left),
    closedAt: row.closed_at,
    details: open('details'),
    refusalReason: open('refusal'),
    exportFormats: exportFormatsOf(row),
  }
}

export function exportFormatsOf(
  row: Pick<RequestRow, 'type' | 'status'>,
): ('json' | 'html' | 'csv')[] {
  if (row.status !== 'completed') return []
  if (row.type === 'access') return ['json', 'html']
  if (row.type === 'portability') return ['json', 'csv']
  return []
}
