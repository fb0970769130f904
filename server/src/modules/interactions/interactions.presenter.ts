import { maskValue } from '../../security/masking.js'
import type { InteractionRow } from './interactions.repository.js'

/** What a list shows of a note and a next step: present or not, never its content or length (CLS-4). */
export function maskedText(sealed: string | undefined): string | null {
  return sealed === undefined ? null : maskValue('text', '')
}

/** One interaction as the API answers it, its note and next step masked: pure, no vault, no database. */
export function presentInteraction(row: InteractionRow) {
  return {
    id: row.id,
    customerId: row.customer_id,
    occurredAt: row.occurred_at,
    staff: { id: row.staff_id, name: row.staff_name },
    channel: row.channel,
    direction: row.direction,
    durationMinutes: row.duration_minutes,
    outcome: row.outcome,
    note: maskedText(row.sealed.note),
    nextStep: maskedText(row.sealed.nextStep),
    masked: true,
    origin: row.origin,
    createdAt: row.created_at,
  }
}

/** An outcome's code and names, as a list shows them. */
export function presentOutcome(r: { code: string; label_zh: string; label_en: string }) {
  return { code: r.code, labelZh: r.label_zh, labelEn: r.label_en }
}
