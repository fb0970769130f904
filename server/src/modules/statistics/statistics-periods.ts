import type { Period } from './statistics.schemas.js'

/*
 * Calendar arithmetic of the statistics' periods, on plain `YYYY-MM-DD`
 * days (no time zone: a day is already the company's). A week starts on
 * Monday (ISO 8601), as PostgreSQL's date_trunc('week') counts it.
 */

const DAY_MS = 86_400_000
const asDate = (day: string) => new Date(`${day}T00:00:00Z`)
const asDay = (date: Date) => date.toISOString().slice(0, 10)

export function addDays(day: string, days: number): string {
  return asDay(new Date(asDate(day).getTime() + days * DAY_MS))
}

/** The first day of the period that `day` falls in. */
export function periodStart(period: Period, day: string): string {
  if (period === 'day') return day
  if (period === 'month') return `${day.slice(0, 7)}-01`
  const weekday = (asDate(day).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  return addDays(day, -weekday)
}

function nextPeriod(period: Period, start: string): string {
  if (period === 'day') return addDays(start, 1)
  if (period === 'week') return addDays(start, 7)
  const date = asDate(start)
  date.setUTCMonth(date.getUTCMonth() + 1)
  return asDay(date)
}

/** The first day of every period that the range from…to touches, in order. */
export function periodStarts(period: Period, from: string, to: string): string[] {
  const starts: string[] = []
  for (let start = periodStart(period, from); start <= to; start = nextPeriod(period, start)) {
    starts.push(start)
  }
  return starts
}
