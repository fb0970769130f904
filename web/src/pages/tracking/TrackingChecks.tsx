import { Alert, Card, Table, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { type TrackingFormRow, useTrackingForms } from '../../api/tracking.js'
import type { Me } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'

type View = 'stale' | 'all'

/**
 * 追踪表检查: the supervisor's list of the department's A and B customers
 * and their tracking forms, the overdue first; a row opens the customer's
 * page, where the check is recorded (issue 17 §3).
 */
export function TrackingChecks(_props: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [view, setView] = useState<View>('stale')
  const list = useTrackingForms(view === 'stale' ? { stale: 'true' } : {})
  return (
    <Card title={t('tracking.listTitle')}>
      <Typography.Paragraph type="secondary">{t('tracking.listHint')}</Typography.Paragraph>
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as View)}
        items={(['stale', 'all'] as const).map((key) => ({
          key,
          label: t(`tracking.tabs.${key}`),
        }))}
      />
      {list.isError ? (
        <Alert type="error" showIcon title={list.error.message} />
      ) : (
        <Table<TrackingFormRow>
          rowKey="customerId"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: t('tracking.none') }}
          columns={[
            {
              title: t('tracking.customer'),
              dataIndex: 'maskedName',
              render: (name: string, row) => (
                <Typography.Link onClick={() => navigate(`/customers/${row.customerId}`)}>
                  {name}
                </Typography.Link>
              ),
            },
            {
              title: t('tracking.level'),
              dataIndex: 'trackingLevel',
              render: (level: TrackingFormRow['trackingLevel']) =>
                t(`values.trackingLevel.${level}`),
            },
            {
              title: t('tracking.owner'),
              key: 'owner',
              render: (_, row) => row.owner?.name ?? '—',
            },
            {
              title: t('tracking.updatedAt'),
              key: 'updatedAt',
              render: (_, row) =>
                row.updatedAt
                  ? `${formatTime(row.updatedAt)} · ${t('tracking.version', { version: row.version })}`
                  : t('tracking.never'),
            },
            {
              title: t('tracking.lastChecked'),
              dataIndex: 'lastCheckedAt',
              render: (at: string | null) => (at ? formatTime(at) : '—'),
            },
            {
              title: t('tracking.status'),
              key: 'status',
              render: (_, row) =>
                row.stale ? (
                  <Tag color="red">{t('tracking.stale')}</Tag>
                ) : (
                  <Tag color="green">{t('tracking.staleAt', { at: formatTime(row.staleAt) })}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  )
}
