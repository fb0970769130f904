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
