import type { FollowUpSettings } from './follow-ups.repository.js'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Every how many days a recurring plan comes round for a customer of this
 * tracking level (客户追踪表: A and B customers are tracked); none for C or
 * no level.
 */
export function recurrenceDays(level: string | null, settings: FollowUpSettings): number | null {
  if (level === 'A') return settings.levelAEveryDays
  if (level === 'B') return settings.levelBEveryDays
  return null
}

/** When the next follow-up of a recurring plan is due: that many days after this one was done. */
export function nextDueAt(doneAt: Date, days: number): Date {
  return new Date(doneAt.getTime() + days * DAY_MS)
}

/** The day before a calendar day (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 10)
}
