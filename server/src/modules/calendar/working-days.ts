/**
 * Working-day arithmetic on the calendar of the company's time zone
 * (DSR-1). A day is a working day if the calendar says so (a make-up
 * working day on a weekend), or if it is Monday to Friday and the calendar
 * does not make it a holiday. Days are ISO dates, `YYYY-MM-DD`.
 */
export type Overrides = ReadonlyMap<string, 'holiday' | 'workday'>

export function isWorkingDay(day: string, overrides: Overrides): boolean {
  const override = overrides.get(day)
  if (override) return override === 'workday'
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

/** The `n`th working day after `day` (the day itself does not count). */
export function addWorkingDays(day: string, n: number, overrides: Overrides): string {
  let current = day
  for (let counted = 0; counted < n; ) {
    current = nextDay(current)
    if (isWorkingDay(current, overrides)) counted++
  }
  return current
}

/**
 * Working days left to answer: the working days after `today` up to and
 * including `due`. The one definition, used by the API, its deadline flags
 * and the console: it counts as the limit does (the day of receipt is not
 * one of a limit's days, addWorkingDays), so a request received today with
 * a 15-working-day limit has 15 left, and 0 on its due day ("due today").
 */
export function workingDaysLeft(today: string, due: string, overrides: Overrides): number {
  let left = 0
  for (let day = nextDay(today); day <= due; day = nextDay(day)) {
    if (isWorkingDay(day, overrides)) left++
  }
  return left
}

/** The calendar day of an instant in a time zone, e.g. Asia/Shanghai. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at)
}

/** The last instant of a calendar day in a time zone: a deadline ends there. */
export function endOfDayIn(timeZone: string, day: string): Date {
  const next = new Date(`${nextDay(day)}T00:00:00Z`)
  // The zone's offset at that moment, from how the zone shows UTC midnight.
  const shown = new Date(next.toLocaleString('en-US', { timeZone }))
  const utc = new Date(next.toLocaleString('en-US', { timeZone: 'UTC' }))
  return new Date(next.getTime() - (shown.getTime() - utc.getTime()) - 1)
}
