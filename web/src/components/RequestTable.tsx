import { Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { DataRequest } from '../api/types.js'
import { formatTime } from '../i18n/format.js'

const URGENCY_COLOURS: Record<DataRequest['urgency'], string> = {
  ok: 'green',
  due_soon: 'orange',
  overdue: 'red',
  closed: 'default',
}

/** The due date coloured by urgency: green, orange with 5 working days or fewer left, red once late. */
export function DueTag({ request }: { request: DataRequest }) {
  const { t } = useTranslation()
  return (
    <Tag color={URGENCY_COLOURS[request.urgency]}>
      {request.dueDay}
      {request.urgency === 'closed'
        ? ''
        : request.urgency === 'overdue'
          ? ` · ${t('requests.overdue')}`
          : request.workingDaysLeft === 0
            ? ` · ${t('requests.dueToday')}`
            : ` · ${t('requests.daysLeft', { count: request.workingDaysLeft })}`}
    </Tag>
  )
}

/** Requests, soonest due first; a row opens the request. */
export function RequestTable({
  requests,
  loading,
  showCustomer = true,
}: {
  requests: DataRequest[]
  loading: boolean
  showCustomer?: boolean
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Table<DataRequest>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={requests}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('requests.empty') }}
      onRow={(row) => ({
        onClick: () => navigate(`/requests/${row.id}`),
        style: { cursor: 'pointer' },
      })}
      columns={[
        {
          title: t('requests.type'),
          dataIndex: 'type',
          render: (type: string) => t(`requests.types.${type}`),
        },
        {
          title: t('requests.status'),
          dataIndex: 'status',
          render: (status: string) => t(`requests.statuses.${status}`),
        },
        { title: t('requests.due'), render: (_, request) => <DueTag request={request} /> },
        { title: t('requests.received'), dataIndex: 'receivedAt', render: formatTime },
        { title: t('requests.assignee'), render: (_, request) => request.assignee?.name ?? '—' },
        ...(showCustomer
          ? [
              {
                title: t('requests.customer'),
                render: (_: unknown, request: DataRequest) => (
                  <span title={request.customerId}>
                    {request.customerName ?? t('requests.customerDestroyed')}
                  </span>
                ),
              },
            ]
          : []),
      ]}
    />
  )
}
