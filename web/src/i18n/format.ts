import i18n from './index.js'

/** Times and dates in the user's language, not the browser's. */
export const formatTime = (at: string | null | undefined): string =>
  at ? new Date(at).toLocaleString(i18n.language, { hour12: false }) : '—'

export const formatDate = (at: string): string => new Date(at).toLocaleDateString(i18n.language)
