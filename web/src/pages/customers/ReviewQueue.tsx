import { Alert, Badge, Card, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useCustomers } from '../../api/customers.js'
import { useReviewCounts } from '../../api/entry.js'
import type { CustomerView, Me } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'

type Queue = 'submitted' | 'draft' | 'rejected'

/**
 * The entry review queue (CUS-4): records waiting for a reviewer, and the
 * user's own drafts and records sent back. Each opens on the customer's
 * page, where it is approved, sent back or submitted.
 */
export function ReviewQueue({ me }: { me: Me }) {
  const { t } = useTranslation()
  const counts = useReviewCounts()
  const [queue, setQueue] = useState<Queue>(has(me, 'customers.review') ? 'submitted' : 'draft')
  const tab = (key: Queue) => ({
    key,
    label: (
      <span>
        {t(`entry.counts.${key}`)} <Badge count={counts.data?.[key] ?? 0} showZero color="blue" />
      </span>
    ),
    children: <QueueTable status={key} />,
  })
  return (
    <Card title={t('entry.queue.title')}>
      <Tabs
        activeKey={queue}
        onChange={(key) => setQueue(key as Queue)}
        items={[tab('submitted'), tab('draft'), tab('rejected')]}
      />
    </Card>
  )
}

function QueueTable({ status }: { status: Queue }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const pages = useCustomers({ status })
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <>
      {pages.isError && <Alert type="error" title={pages.error.message} showIcon />}
      <Table<CustomerView>
        rowKey="id"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('entry.queue.empty') }}
        onRow={(row) => ({
          onClick: () => navigate(`/customers/${row.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('customers.columns.name'), dataIndex: 'name' },
          {
            title: t('customers.columns.kind'),
            dataIndex: 'kind',
            render: (kind: CustomerView['kind']) => t(`customers.kind.${kind}`),
          },
          {
            title: t('entry.attribution.owner'),
            render: (_, row) => row.owner?.name ?? t('entry.attribution.noOwner'),
          },
          {
            title: t('customers.created'),
            dataIndex: 'createdAt',
            render: formatTime,
          },
          {
            title: '',
            render: () => <Tag color="blue">{t('entry.queue.open')}</Tag>,
          },
        ]}
      />
    </>
  )
}
