import i18n from './index.js'

/**
 * Times and dates in the user's language and in the company's time zone
 * (the one its deadlines and off-hours alerts use, from /me), with the zone
 * named, whatever the browser's own zone is.
 */
let companyTimeZone: string | undefined

export function setCompanyTimeZone(timeZone: string): void {
  companyTimeZone = timeZone
}

export const formatTime = (at: string | null | undefined): string =>
  at
    ? new Date(at).toLocaleString(i18n.language, {
        hour12: false,
        timeZone: companyTimeZone,
        timeZoneName: 'short',
      })
    : '—'

export const formatDate = (at: string): string =>
  new Date(at).toLocaleDateString(i18n.language, { timeZone: companyTimeZone })

/** The company's calendar day of an instant, `YYYY-MM-DD` (the browser's zone until /me answers). */
export const companyDay = (at: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: companyTimeZone, dateStyle: 'short' }).format(at)

/** A time as a date picker holds it: the figures a clock shows, month from 0 (dayjs's shape). */
export type WallClock = {
  year(): number
  month(): number
  date(): number
  hour(): number
  minute(): number
  second(): number
  millisecond(): number
}

/**
 * The instant at which the company's clocks show a picked date and time, as
 * ISO 8601 (issue 14 item 16): a date picker holds the figures in the
 * browser's zone, and 2026-12-01 00:00 picked in New York means midnight in
 * Shanghai when the company is there. Without a company zone (before /me
 * answers), the browser's.
 */
export function companyInstant(wall: WallClock): string {
  const figures = [
    wall.year(),
    wall.month(),
    wall.date(),
    wall.hour(),
    wall.minute(),
    wall.second(),
    wall.millisecond(),
  ] as const
  if (!companyTimeZone) return new Date(...figures).toISOString()
  const asIfUtc = Date.UTC(...figures)
  // The zone's offset at a first guess, then again at the instant it gives:
  // the two differ only across a change of clocks (summer time).
  const first = asIfUtc - offsetAt(asIfUtc, companyTimeZone)
  return new Date(asIfUtc - offsetAt(first, companyTimeZone)).toISOString()
}

/** How far ahead of UTC a zone's clocks are at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant))
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  const shown = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return shown - (instant - (((instant % 1000) + 1000) % 1000))
}
