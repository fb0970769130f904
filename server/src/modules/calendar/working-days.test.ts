import { describe, expect, it } from 'vitest'
import { deadlineFor } from './calendar.service.js'
import { PRC_CALENDAR_2026 } from './prc-calendar.js'
import {
  addWorkingDays,
  dayIn,
  isWorkingDay,
  type Overrides,
  workingDaysLeft,
} from './working-days.js'

const PRC: Overrides = new Map(PRC_CALENDAR_2026.map((d) => [d.day, d.kind]))
const NONE: Overrides = new Map()

describe('working-day deadlines (DSR-1)', () => {
  it('skips weekends', () => {
    // Friday 2026-03-06 + 1 working day is Monday 2026-03-09.
    expect(addWorkingDays('2026-03-06', 1, NONE)).toBe('2026-03-09')
    // 15 working days from Monday 2026-03-02: three whole weeks.
    expect(addWorkingDays('2026-03-02', 15, NONE)).toBe('2026-03-23')
    expect(isWorkingDay('2026-03-07', NONE)).toBe(false)
  })

  it('skips public holidays and counts make-up working days (PRC 2026)', () => {
    // National Day: 1–7 October off, Saturday 10 October worked, Sunday 20 September worked.
    expect(isWorkingDay('2026-10-01', PRC)).toBe(false)
    expect(isWorkingDay('2026-10-10', PRC)).toBe(true)
    expect(isWorkingDay('2026-09-20', PRC)).toBe(true)
    // Received Wednesday 30 September: 1 Oct–7 Oct are holidays, 8 Oct (Thu) is day 1,
    // 9 Oct (Fri) day 2, Saturday 10 Oct (make-up) day 3.
    expect(addWorkingDays('2026-09-30', 3, PRC)).toBe('2026-10-10')
    // Spring Festival: 15–23 February off, Saturday 14 and 28 February worked.
    // Received Friday 13 February: 14 Feb (Sat, make-up) is day 1, then 24 Feb (Tue) day 2.
    expect(addWorkingDays('2026-02-13', 2, PRC)).toBe('2026-02-24')
  })

  it('fixes a 15-working-day deadline at the end of its day in the company time zone', () => {
    // Received 2026-09-29 10:00 in Beijing: working days 30 Sep, 8, 9, 10 (Sat, make-up),
    // 12–16, 19–23, 26 Oct → the 15th is Monday 26 October.
    const due = deadlineFor(new Date('2026-09-29T10:00:00+08:00'), {
      workingDays: 15,
      timeZone: 'Asia/Shanghai',
      overrides: PRC,
    })
    expect(due.dueDay).toBe('2026-10-26')
    expect(due.dueAt.toISOString()).toBe('2026-10-26T15:59:59.999Z')
    // Received late at night UTC but already the next day in Beijing.
    expect(dayIn('Asia/Shanghai', new Date('2026-09-29T17:00:00Z'))).toBe('2026-09-30')
  })

  it('counts the working days left after today, as the limit counts them, none on or past the due day', () => {
    expect(workingDaysLeft('2026-10-20', '2026-10-26', PRC)).toBe(4)
    expect(workingDaysLeft('2026-10-26', '2026-10-26', PRC)).toBe(0)
    expect(workingDaysLeft('2026-10-27', '2026-10-26', PRC)).toBe(0)
    // A holiday week in between does not count.
    expect(workingDaysLeft('2026-09-30', '2026-10-09', PRC)).toBe(2)
    // Received today with a limit of 15 working days: 15 left, not 16 (issue 14).
    const received = '2026-09-29'
    expect(workingDaysLeft(received, addWorkingDays(received, 15, PRC), PRC)).toBe(15)
  })
})
