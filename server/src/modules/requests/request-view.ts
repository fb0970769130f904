import type { Selectable } from 'kysely'
import type { DataRequestTable } from '../../db/schema.js'
import { dayIn, type Overrides, workingDaysLeft } from '../calendar/index.js'

export type RequestRow = Selectable<DataRequestTable> & {
  assignee_name: string | null
  verifier_name: string | null
}

/** Due soon: this many working days or fewer left (DSR-1). */
export const WARN_WORKING_DAYS = 4

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

/** The free texts of a request that one request's view shows, opened by the service. */
export type RequestTexts = {
  details: string | null
  refusal: string | null
  /** The note typed when identity was verified (how, against what). */
  identity: string | null
}

const NO_TEXTS: RequestTexts = { details: null, refusal: null, identity: null }

/**
 * A request as the queue shows it. Pure: the free texts come opened
 * (`texts`), or are shown as null — in a list, or when the customer's key
 * is gone; the customer is named masked, as the masking module shows them
 * (null for a destroyed customer).
 */
export function presentRequest(
  row: RequestRow,
  context: { now: Date; timeZone: string; overrides: Overrides },
  opened: { texts?: RequestTexts; customerName?: string | null } = {},
) {
  const texts = opened.texts ?? NO_TEXTS
  const left = workingDaysLeft(dayIn(context.timeZone, context.now), row.due_day, context.overrides)
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: opened.customerName ?? null,
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
            note: texts.identity,
          }
        : null,
    receivedAt: row.received_at,
    dueDay: row.due_day,
    dueAt: row.due_at,
    workingDaysLeft: ANSWERED.has(row.status) ? 0 : left,
    urgency: urgencyOf(row, context.now, left),
    closedAt: row.closed_at,
    details: texts.details,
    refusalReason: texts.refusal,
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
