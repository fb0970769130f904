import type { TrackingField } from '../../db/schema.js'
import { maskValue } from '../../security/masking.js'
import type {
  CheckRow,
  DailyReportRow,
  TrackingSettings,
  VersionRow,
} from './tracking.repository.js'
import type { FormValues } from './tracking-rules.js'

type Names = Map<string, string>
const person = (names: Names, id: string) => ({ id, name: names.get(id) ?? '' })

/** What a masked value shows: that there is one, never its content or length (CLS-4). */
const MASKED = maskValue('text', '')

/**
 * A customer's tracking form as the API answers it: the fields, each value
 * masked unless `opened` holds it, the history of versions and the checks,
 * their comments masked. Pure: the service opened what it had to.
 */
export function presentTrackingForm(facts: {
  customerId: string
  maskedName: string
  trackingLevel: string | null
  fields: TrackingField[]
  versions: VersionRow[]
  checks: CheckRow[]
  names: Names
  staleAt: Date | null
  now: Date
}) {
  const latest = facts.versions[0]
  const level = ['A', 'B', 'C'].includes(facts.trackingLevel ?? '')
    ? (facts.trackingLevel as 'A' | 'B' | 'C')
    : null
  return {
    customerId: facts.customerId,
    maskedName: facts.maskedName,
    trackingLevel: level,
    applies: level === 'A' || level === 'B',
    fields: facts.fields,
    current: latest
      ? {
          version: latest.version,
          updatedAt: latest.created_at,
          updatedBy: person(facts.names, latest.created_by),
        }
      : null,
    values: Object.fromEntries((latest?.filled ?? []).map((code) => [code, MASKED])),
    masked: true,
    stale: facts.staleAt !== null && facts.staleAt.getTime() <= facts.now.getTime(),
    staleAt: facts.staleAt,
    history: facts.versions.map((v) => ({
      version: v.version,
      updatedAt: v.created_at,
      updatedBy: person(facts.names, v.created_by),
      changed: v.changed,
    })),
    checks: facts.checks.map((c) => ({
      id: c.id,
      version: c.version,
      checkedAt: c.checked_at,
      checkedBy: person(facts.names, c.checked_by),
      comment: MASKED,
    })),
  }
}

/** Opened values as strings, in the order of the fields. */
export function presentValues(values: FormValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([code, v]) => [code, String(v)]))
}

export function presentSettings(settings: TrackingSettings, changedByName: string | undefined) {
  return {
    fields: settings.fields,
    levelAStaleDays: settings.levelAStaleDays,
    levelBStaleDays: settings.levelBStaleDays,
    changedAt: settings.changedAt,
    changedBy: settings.changedBy ? { id: settings.changedBy, name: changedByName ?? '' } : null,
  }
}

/** One row of the supervisor's list of forms. */
export function presentFormRow(
  row: {
    customer_id: string
    tracking_level: string | null
    owner_id: string | null
    version: number | null
    updated_at: Date | null
    last_checked_at: Date | null
    stale_at: Date
  },
  facts: { maskedName: string | undefined; names: Names; now: Date },
) {
  return {
    customerId: row.customer_id,
    maskedName: facts.maskedName ?? '',
    trackingLevel: row.tracking_level === 'A' ? ('A' as const) : ('B' as const),
    owner: row.owner_id ? person(facts.names, row.owner_id) : null,
    version: row.version === null ? null : Number(row.version),
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at),
    lastCheckedAt: row.last_checked_at === null ? null : new Date(row.last_checked_at),
    stale: new Date(row.stale_at).getTime() <= facts.now.getTime(),
    staleAt: new Date(row.stale_at),
  }
}

/** A daily report, its text and comment as opened for the caller. */
export function presentDailyReport(
  row: DailyReportRow,
  opened: { text: string | null; comment: string | null; names: Names },
) {
  return {
    id: row.id,
    author: person(opened.names, row.account_id),
    day: row.day,
    counts: row.counts,
    text: opened.text,
    submittedAt: row.submitted_at,
    amendedAt: row.amended_at,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by ? person(opened.names, row.reviewed_by) : null,
    comment: opened.comment,
  }
}
