import { Alert, Card, DatePicker, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { Me } from '../../api/types.js'
import { type ReviewGrade, type ReviewWeek, useReviewWeek } from '../../api/weekly-review.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { isoWeekOf } from './iso-week.js'
import { PlanForm } from './PlanForm.js'
import { WeekSections } from './WeekSections.js'

const GRADES: ReviewGrade[] = ['important', 'general']

/**
 * 每周梳理 (CUS-8): a week of one grade of the user's department — the
 * sections computed by the server in the user's scope — and, for a sales
 * supervisor, the review with next week's plan.
 */
export function WeeklyReview({ me }: { me: Me }) {
  const { t } = useTranslation()
  const [grade, setGrade] = useState<ReviewGrade>('important')
  const [week, setWeek] = useState<string>()
  const answer = useReviewWeek({ grade, ...(week && { week }) })
  const pick = (day: Dayjs | null) => setWeek(day ? isoWeekOf(day.format('YYYY-MM-DD')) : undefined)
  return (
    <Card
      title={t('weeklyReview.title')}
      extra={
        <Space>
          <Typography.Text>{t('weeklyReview.week')}</Typography.Text>
          {/* The week shown, this week until another is picked. */}
          <DatePicker
            picker="week"
            value={answer.data ? dayjs(answer.data.monday) : null}
            onChange={pick}
            data-testid="review-week"
            allowClear
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('weeklyReview.hint')}</Typography.Paragraph>
      <Tabs
        activeKey={grade}
        onChange={(key) => setGrade(key as ReviewGrade)}
        items={GRADES.map((g) => ({ key: g, label: t(`weeklyReview.grades.${g}`) }))}
      />
      {answer.isError && <Alert type="error" showIcon title={answer.error.message} />}
      {answer.data && <Week week={answer.data} me={me} />}
    </Card>
  )
}

function Week({ week, me }: { week: ReviewWeek; me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const mayRecord = has(me, 'reviews.record')
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} data-testid="review-week-label">
        <Descriptions.Item label={t('weeklyReview.week')}>
          {week.week} · {t('weeklyReview.weekRange', { monday: week.monday, sunday: week.sunday })}
        </Descriptions.Item>
        {week.review && (
          <Descriptions.Item>
            <Tag color="green" data-testid="review-recorded">
              {t('weeklyReview.recordedBy', {
                name: week.review.recordedBy.name,
                at: formatTime(week.review.recordedAt),
              })}
            </Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
      <WeekSections week={week} />
      {week.review && week.review.items.length > 0 && (
        <Card size="small" title={t('weeklyReview.items')} data-testid="review-items">
          <Table
            size="small"
            rowKey="followUpId"
            pagination={false}
            dataSource={week.review.items}
            columns={[
              {
                title: t('weeklyReview.customer'),
                key: 'customer',
                render: (_, item) => (
                  <Typography.Link onClick={() => navigate(`/customers/${item.customerId}`)}>
                    {item.maskedName}
                  </Typography.Link>
                ),
              },
              {
                title: t('weeklyReview.dueAt'),
                key: 'dueAt',
                render: (_, item) => formatTime(item.dueAt),
              },
              {
                title: t('weeklyReview.plan.purpose'),
                key: 'purpose',
                render: (_, item) => t(`followUps.purposes.${item.purpose}`),
              },
              {
                title: t('weeklyReview.assignee'),
                key: 'assignee',
                render: (_, item) => item.assignee.name,
              },
              {
                title: t('weeklyReview.plan.note'),
                key: 'note',
                render: (_, item) => item.note ?? '',
              },
              {
                title: '',
                key: 'status',
                render: (_, item) => (
                  <Tag color={item.status === 'done' ? 'green' : 'blue'}>
                    {t(`weeklyReview.status.${item.status}`)}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
      )}
      {mayRecord ? (
        <PlanForm week={week} />
      ) : (
        <Alert type="info" showIcon title={t('weeklyReview.readOnly')} />
      )}
    </Space>
  )
}
