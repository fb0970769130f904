import { Card } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { CountName, VisitsCalls } from '../../api/statistics.js'
import { bucketLabel } from './bucket-label.js'
import { Chart } from './Chart.js'

const BARS: CountName[] = ['visits', 'calls', 'contacts', 'followUpsDone']

/** Visits, calls, interactions and follow-ups per period as bars, deals signed as a line. */
export function WorkTrend({ statistics }: { statistics: VisitsCalls }) {
  const { t } = useTranslation()
  const option = useMemo(() => {
    const sums = new Map(statistics.buckets.map((b) => [b, new Map<CountName, number>()]))
    for (const d of statistics.departments) {
      const sum = sums.get(d.bucket)
      if (!sum) continue
      for (const [name, n] of Object.entries(d.counts) as [CountName, number][]) {
        sum.set(name, (sum.get(name) ?? 0) + n)
      }
    }
    const series = (name: CountName) =>
      statistics.buckets.map((bucket) => sums.get(bucket)?.get(name) ?? 0)
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 24, top: 40, bottom: 32 },
      xAxis: {
        type: 'category',
        data: statistics.buckets.map((b) => bucketLabel(t, statistics.period, b)),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...BARS.map((name) => ({
          name: t(`statistics.counts.${name}`),
          type: 'bar',
          data: series(name),
        })),
        {
          name: t('statistics.counts.dealsSigned'),
          type: 'line',
          data: series('dealsSigned'),
        },
      ],
    }
  }, [statistics, t])
  return (
    <Card title={t('statistics.trend')}>
      <Chart option={option} label={t('statistics.trend')} />
    </Card>
  )
}
