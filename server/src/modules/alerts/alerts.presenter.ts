import type { AlertRow } from './alerts.repository.js'

/**
 * An alert as the API answers it: the actor by id, username and display
 * name (the console shows the display name, the username on hover).
 */
export function presentAlert(row: AlertRow) {
  return {
    id: row.id,
    rule: row.rule,
    status: row.status,
    subject: row.subject,
    actor: { id: row.actor_id, name: row.actor_name, displayName: row.actor_display_name },
    sourceIp: row.source_ip,
    eventCount: row.event_count,
    firstEventId: row.first_event_id,
    lastEventId: row.last_event_id,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    handledBy: row.handled_by,
    note: row.note,
  }
}
