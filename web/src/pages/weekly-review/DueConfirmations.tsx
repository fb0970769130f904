import { Alert, Card, Select, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { Me } from '../../api/types.js'
import { type DueCustomer, type DueQuery, useDueConfirmations } from '../../api/weekly-review.js'
import { formatDate } from '../../i18n/format.js'

/** 信息确认 (DQ-2): the customers in the user's scope due for re-confirmation, longest first. */
export function DueConfirmations(_props: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [grade, setGrade] = useState<DueQuery['grade']>()
  const list = useDueConfirmations({ ...(grade && { grade }) })
  return (
    <Card
      title={t('confirmations.title')}
      extra={
        <Select
          style={{ width: 160 }}
          value={grade ?? 'all'}
          onChange={(value) => setGrade(value === 'all' ? undefined : (value as DueQuery['grade']))}
          options={[
            { value: 'all', label: t('confirmations.allGrades') },
            { value: 'important', label: t('weeklyReview.grades.important') },
            { value: 'general', label: t('weeklyReview.grades.general') },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        {t('confirmations.hint', { days: list.data?.reconfirmDays ?? 365 })}
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      <Table<DueCustomer>
        rowKey="customerId"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('weeklyReview.none') }}
        data-testid="due-confirmations"
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
          {
            title: t('confirmations.grade'),
            key: 'grade',
            render: (_, row) => (row.grade ? t(`weeklyReview.grades.${row.grade}`) : '—'),
          },
          {
            title: t('weeklyReview.createdAt'),
            key: 'createdAt',
            render: (_, row) => formatDate(row.createdAt),
          },
          {
            title: t('weeklyReview.lastConfirmedAt'),
            key: 'last',
            render: (_, row) =>
              row.lastConfirmedAt ? formatDate(row.lastConfirmedAt) : t('weeklyReview.never'),
          },
          {
            title: t('confirmations.dueAt'),
            key: 'dueAt',
            render: (_, row) => formatDate(row.dueAt),
          },
        ]}
      />
    </Card>
  )
}
