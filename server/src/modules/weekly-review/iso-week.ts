import { dayIn, endOfDayIn } from '../calendar/index.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** A calendar day (YYYY-MM-DD) moved by `n` days. */
export function addDays(day: string, n: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10)
}

/** The ISO week (`2026-W49`) a calendar day belongs to: the week of its Thursday. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS))
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Monday of an ISO week, or null for a week the year does not have (`2026-W54`). */
export function mondayOf(week: string): string | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week)
  if (!match) return null
  const year = Number(match[1])
  const n = Number(match[2])
  if (n < 1) return null
  // Week 1 is the week of 4 January.
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const monday1 = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS
  const monday = new Date(monday1 + (n - 1) * 7 * DAY_MS).toISOString().slice(0, 10)
  return isoWeekOf(monday) === week ? monday : null
}

/** The ISO week after this one. */
export function weekAfter(week: string): string {
  const monday = mondayOf(week)
  if (!monday) throw new Error('not an ISO week')
  return isoWeekOf(addDays(monday, 7))
}

/** The first instant of a calendar day in the company's time zone. */
export function startOfDayIn(timeZone: string, day: string): Date {
  return new Date(endOfDayIn(timeZone, addDays(day, -1)).getTime() + 1)
}

/** A week as instants of the company's time zone: from Monday 00:00 to the next Monday 00:00. */
export type WeekBounds = { week: string; monday: string; sunday: string; start: Date; end: Date }

export function boundsOf(timeZone: string, week: string): WeekBounds | null {
  const monday = mondayOf(week)
  if (!monday) return null
  return {
    week,
    monday,
    sunday: addDays(monday, 6),
    start: startOfDayIn(timeZone, monday),
    end: startOfDayIn(timeZone, addDays(monday, 7)),
  }
}

/** The ISO week `now` falls in, on the company's calendar. */
export function currentWeek(timeZone: string, now: Date): string {
  return isoWeekOf(dayIn(timeZone, now))
}
