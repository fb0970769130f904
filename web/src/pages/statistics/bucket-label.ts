import type { TFunction } from 'i18next'
import type { Period } from '../../api/statistics.js'

/** A period as the tables and charts name it: the day, the week from its Monday, the month. */
export function bucketLabel(t: TFunction, period: Period, bucket: string): string {
  if (period === 'day') return bucket
  if (period === 'week') return t('statistics.weekOf', { day: bucket })
  return bucket.slice(0, 7)
}
