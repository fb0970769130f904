import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Space,
  Statistic,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Period,
  useVisitsCalls,
  type VisitsCallsQuery,
  visitsCallsExportUrl,
} from '../../api/statistics.js'
import type { Me } from '../../api/types.js'
import { companyDay } from '../../i18n/format.js'
import { DealAnalysis } from './DealAnalysis.js'
import { WorkTable } from './WorkTable.js'
import { WorkTrend } from './WorkTrend.js'

/** How far back each period's range starts by default: a week of days, eight weeks, six months. */
const DEFAULT_SPAN: Record<Period, { amount: number; unit: 'day' | 'week' | 'month' }> = {
  day: { amount: 6, unit: 'day' },
  week: { amount: 7, unit: 'week' },
  month: { amount: 5, unit: 'month' },
}

/**
 * A range's first day moved back to the start of its period — a Monday, the
 * 1st — so that the first row counts a whole week or month, as its label says.
 */
function startOfPeriod(period: Period, day: Dayjs): Dayjs {
  if (period === 'month') return day.startOf('month')
  if (period === 'week') return day.subtract((day.day() + 6) % 7, 'day')
  return day
}

function defaultRange(period: Period): [Dayjs, Dayjs] {
  const today = dayjs(companyDay())
  const span = DEFAULT_SPAN[period]
  return [startOfPeriod(period, today.subtract(span.amount, span.unit)), today]
}

const asDay = (day: Dayjs) => day.format('YYYY-MM-DD')

/**
 * 来人来电统计: the daily sheet and the weekly and monthly analysis of
 * visits, calls and deals (篇五), for whoever reads reports — counted by
 * the server from its records, so the figures carry no customer's data.
 */
export function VisitsCalls(_props: { me: Me }) {
  const { t, i18n } = useTranslation()
  const [period, setPeriod] = useState<Period>('day')
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => defaultRange('day'))
  const query: VisitsCallsQuery = { period, from: asDay(range[0]), to: asDay(range[1]) }
  const statistics = useVisitsCalls(query)
  const data = statistics.data
  const language = i18n.language === 'en' ? 'en' : 'zh-CN'
  const totals = data?.totals
  const conversion =
    totals && totals.firstContacts > 0 ? (totals.converted / totals.firstContacts) * 100 : null

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('statistics.title')}
        extra={
          <Button href={visitsCallsExportUrl(query, language)} download>
            {t('statistics.export')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('statistics.hint')}</Typography.Paragraph>
        <Space wrap size={16}>
          <Segmented<Period>
            aria-label={t('statistics.period')}
            value={period}
            onChange={(next) => {
              setPeriod(next)
              setRange(defaultRange(next))
            }}
            options={(['day', 'week', 'month'] as const).map((value) => ({
              value,
              label: t(`statistics.periods.${value}`),
            }))}
          />
          <DatePicker.RangePicker
            aria-label={t('statistics.range')}
            allowClear={false}
            value={range}
            onChange={(picked) => {
              if (picked?.[0] && picked[1]) setRange([startOfPeriod(period, picked[0]), picked[1]])
            }}
          />
          {data && (
            <Typography.Text type="secondary">
              {t(`statistics.reach.${data.reach.kind}`)}
            </Typography.Text>
          )}
        </Space>
        {statistics.error && (
          <Alert type="error" showIcon title={statistics.error.message} style={{ marginTop: 16 }} />
        )}
        {totals && (
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {(
              [
                'visits',
                'calls',
                'contacts',
                'newCustomers',
                'followUpsDone',
                'followUpsMissed',
                'dealsSigned',
              ] as const
            ).map((name) => (
              <Col key={name} xs={12} sm={8} md={6} lg={3}>
                <Statistic title={t(`statistics.counts.${name}`)} value={totals[name]} />
              </Col>
            ))}
            <Col xs={12} sm={8} md={6} lg={3}>
              <Statistic
                title={
                  <span title={t('statistics.conversionHint')}>{t('statistics.conversion')}</span>
                }
                value={conversion ?? '—'}
                precision={conversion === null ? undefined : 1}
                suffix={conversion === null ? undefined : '%'}
              />
            </Col>
          </Row>
        )}
      </Card>
      {data && (
        <>
          <WorkTrend statistics={data} />
          <WorkTable statistics={data} by="salesperson" />
          <WorkTable statistics={data} by="department" />
          <DealAnalysis statistics={data} />
        </>
      )}
    </Space>
  )
}
