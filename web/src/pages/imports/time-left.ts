import type { TFunction } from 'i18next'

/** Seconds still to go, as people say them: "about 3 min 20 s", "about 40 s". */
export function timeLeft(t: TFunction, seconds: number): string {
  if (seconds >= 60) {
    const minutes = Math.floor(seconds / 60)
    return t('imports.run.minutesLeft', { minutes, seconds: seconds % 60 })
  }
  return t('imports.run.secondsLeft', { seconds })
}
