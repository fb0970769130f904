import { Card, Col, Row, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { ReviewWeek } from '../../api/weekly-review.js'
import { formatDate, formatTime } from '../../i18n/format.js'

type Entry = { customerId: string; maskedName: string }

/** One section of the week: a small table of customers by their masked names, each a link. */
function Section<Row extends Entry>({
  title,
  rows,
  testId,
  extra,
}: {
  title: string
  rows: Row[]
  testId: string
  extra: { title: string; render: (row: Row) => React.ReactNode }[]
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Card size="small" title={`${title} (${rows.length})`} data-testid={testId}>
      <Table<Row>
        size="small"
        rowKey={(row, index) => `${row.customerId}-${index}`}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: t('weeklyReview.none') }}
        columns={[
          {
            title: t('weeklyReview.customer'),
            key: 'customer',
            render: (_, row) => (
              <Typography.Link onClick={() => navigate(`/customers/${row.customerId}`)}>
                {row.maskedName}
              </Typography.Link>
            ),
          },
          ...extra.map((column) => ({
            title: column.title,
            key: column.title,
            render: (_: unknown, row: Row) => column.render(row),
          })),
        ]}
      />
    </Card>
  )
}

/** The five sections of a week's review (CUS-8), as the server computed them for the user's scope. */
export function WeekSections({ week }: { week: ReviewWeek }) {
  const { t } = useTranslation()
  const confirmed = (at: string | null) => (at ? formatDate(at) : t('weeklyReview.never'))
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Section
          testId="section-new"
          title={t('weeklyReview.sections.newCustomers')}
          rows={week.newCustomers}
          extra={[{ title: t('weeklyReview.createdAt'), render: (r) => formatTime(r.createdAt) }]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <Section
          testId="section-changed"
          title={t('weeklyReview.sections.changedCustomers')}
          rows={week.changedCustomers}
          extra={[{ title: t('weeklyReview.updatedAt'), render: (r) => formatTime(r.updatedAt) }]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <Section
          testId="section-stale"
          title={t('weeklyReview.sections.staleRecords', { days: week.staleDays })}
          rows={week.staleRecords}
          extra={[
            { title: t('weeklyReview.updatedAt'), render: (r) => formatDate(r.updatedAt) },
            {
              title: t('weeklyReview.lastConfirmedAt'),
              render: (r) => confirmed(r.lastConfirmedAt),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={12}>
        <Section
          testId="section-due"
          title={t('weeklyReview.sections.dueForReconfirmation', { days: week.reconfirmDays })}
          rows={week.dueForReconfirmation}
          extra={[
            { title: t('weeklyReview.createdAt'), render: (r) => formatDate(r.createdAt) },
            {
              title: t('weeklyReview.lastConfirmedAt'),
              render: (r) => confirmed(r.lastConfirmedAt),
            },
          ]}
        />
      </Col>
      <Col span={24}>
        <Section
          testId="section-missed"
          title={t('weeklyReview.sections.missedFollowUps')}
          rows={week.missedFollowUps}
          extra={[
            { title: t('weeklyReview.dueAt'), render: (r) => formatTime(r.dueAt) },
            { title: t('weeklyReview.assignee'), render: (r) => r.assignee.name },
            {
              title: '',
              render: (r) => (
                <Tag color={r.missed === 'open' ? 'red' : 'orange'}>
                  {t(`weeklyReview.missed.${r.missed}`)}
                </Tag>
              ),
            },
          ]}
        />
      </Col>
    </Row>
  )
}
