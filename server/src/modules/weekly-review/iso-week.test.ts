import { describe, expect, it } from 'vitest'
import { boundsOf, isoWeekOf, mondayOf, weekAfter } from './iso-week.js'

/** The ISO weeks the weekly review (梳理, CUS-8) is kept by, on the company's calendar. */
describe('ISO weeks', () => {
  it('names the week of a day by its Thursday, across the turn of a year', () => {
    expect(isoWeekOf('2026-12-03')).toBe('2026-W49')
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53')
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01')
  })

  it('finds the Monday of a week and refuses a week the year does not have', () => {
    expect(mondayOf('2026-W49')).toBe('2026-11-30')
    expect(mondayOf('2026-W01')).toBe('2025-12-29')
    expect(mondayOf('2026-W53')).toBe('2026-12-28')
    expect(mondayOf('2025-W53')).toBeNull()
    expect(mondayOf('2026-W00')).toBeNull()
    expect(mondayOf('2026-49')).toBeNull()
    expect(weekAfter('2026-W53')).toBe('2027-W01')
  })

  it('bounds a week at Monday midnight in the company time zone', () => {
    const bounds = boundsOf('Asia/Shanghai', '2026-W49')
    expect(bounds?.start.toISOString()).toBe('2026-11-29T16:00:00.000Z')
    expect(bounds?.end.toISOString()).toBe('2026-12-06T16:00:00.000Z')
    expect(bounds?.sunday).toBe('2026-12-06')
  })
})
