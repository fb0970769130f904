import type { CallRow, Desk, DeskRow, VisitRow } from './reception.repository.js'
import type { VISIT_OUTCOMES } from './reception.schemas.js'

type Person = { id: string; name: string }

/** The desk: its members in order with their state, who is next and who stands by. */
export function presentDesk(desk: Desk, rows: DeskRow[], up: { next?: string; standby?: string }) {
  const person = (id: string | undefined): Person | null => {
    const row = rows.find((r) => r.account_id === id)
    return row ? { id: row.account_id, name: row.display_name } : null
  }
  return {
    day: desk.day,
    departmentId: desk.departmentId,
    members: rows.map((r) => ({
      account: { id: r.account_id, name: r.display_name },
      position: r.position,
      state: r.away_since ? ('away' as const) : r.busy ? ('receiving' as const) : ('free' as const),
      owed: r.owed,
      checkedInAt: r.checked_in_at,
    })),
    next: person(up.next),
    standby: person(up.standby),
  }
}

/** One line of the visitor register; `names` holds the passed-over members' names. */
export function presentVisit(row: VisitRow, names: Map<string, string>) {
  return {
    id: row.id,
    day: row.day,
    arrivedAt: row.arrived_at,
    receivedBy: { id: row.received_by, name: row.receiver_name },
    rule: row.rule,
    customerId: row.customer_id,
    passedOver: row.passed_over.map((p) => ({
      account: { id: p.accountId, name: names.get(p.accountId) ?? '' },
      why: p.why,
    })),
    overrideReason: row.override_reason,
    finishedAt: row.finished_at,
    outcome: row.outcome as (typeof VISIT_OUTCOMES)[number] | null,
  }
}

/** One line of the call register. */
export function presentCall(row: CallRow) {
  return {
    id: row.id,
    day: row.day,
    receivedAt: row.received_at,
    takenBy: { id: row.taken_by, name: row.taker_name },
    channel: row.channel,
    outcome: row.outcome,
    customerId: row.customer_id,
  }
}
