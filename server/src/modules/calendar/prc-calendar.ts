/**
 * The PRC public-holiday calendar as the State Council published it for
 * 2026: holidays (放假) and the weekend days worked in exchange (调休上班).
 * Shipped as data for the working-day deadlines of customer requests
 * (DSR-1); each later year is entered by `compliance` through the API once
 * it is announced (usually in November of the year before).
 */
export type CalendarDay = { day: string; kind: 'holiday' | 'workday'; name: string }

const holidays = (name: string, from: string, days: number): CalendarDay[] =>
  Array.from({ length: days }, (_, i) => {
    const date = new Date(`${from}T00:00:00Z`)
    date.setUTCDate(date.getUTCDate() + i)
    return { day: date.toISOString().slice(0, 10), kind: 'holiday' as const, name }
  })
const workday = (name: string, day: string): CalendarDay => ({ day, kind: 'workday', name })

export const PRC_CALENDAR_2026: readonly CalendarDay[] = [
  ...holidays('元旦', '2026-01-01', 3),
  workday('元旦调休', '2026-01-04'),
  workday('春节调休', '2026-02-14'),
  ...holidays('春节', '2026-02-15', 9),
  workday('春节调休', '2026-02-28'),
  ...holidays('清明节', '2026-04-04', 3),
  ...holidays('劳动节', '2026-05-01', 5),
  workday('劳动节调休', '2026-05-09'),
  ...holidays('端午节', '2026-06-19', 3),
  workday('国庆节调休', '2026-09-20'),
  ...holidays('中秋节', '2026-09-25', 3),
  ...holidays('国庆节', '2026-10-01', 7),
  workday('国庆节调休', '2026-10-10'),
]
