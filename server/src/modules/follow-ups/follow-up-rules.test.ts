import { describe, expect, it } from 'vitest'
import { dayBefore, nextDueAt, recurrenceDays } from './follow-up-rules.js'
import type { FollowUpSettings } from './follow-ups.repository.js'

const SETTINGS: FollowUpSettings = {
  levelAEveryDays: 7,
  levelBEveryDays: 14,
  remindBeforeMinutes: 0,
  escalateAfterHours: 24,
  changedBy: null,
  changedAt: new Date('2026-01-01T00:00:00Z'),
}

describe('recurring follow-up plans (issue 17)', () => {
  it('comes round by the tracking level’s period, and not at all for C or no level', () => {
    expect(recurrenceDays('A', SETTINGS)).toBe(7)
    expect(recurrenceDays('B', SETTINGS)).toBe(14)
    expect(recurrenceDays('C', SETTINGS)).toBeNull()
    expect(recurrenceDays(null, SETTINGS)).toBeNull()
  })

  it('is due that many days after the last one was done', () => {
    expect(nextDueAt(new Date('2026-01-05T10:30:00+08:00'), 7).toISOString()).toBe(
      new Date('2026-01-12T10:30:00+08:00').toISOString(),
    )
  })

  it('knows the calendar day before, across months and years', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28')
    expect(dayBefore('2026-01-01')).toBe('2025-12-31')
    expect(dayBefore('2024-03-01')).toBe('2024-02-29')
  })
})
