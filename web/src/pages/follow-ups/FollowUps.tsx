import { Alert, Card, Table, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { type FollowUp, type FollowUpsQuery, useFollowUps } from '../../api/follow-ups.js'
import type { Me } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { CompleteFollowUp } from './FollowUpDialogs.js'

type View = 'today' | 'overdue' | 'open' | 'done'

const QUERIES: Record<View, FollowUpsQuery> = {
  today: { due: 'today' },
  overdue: { due: 'overdue' },
  open: { status: 'open' },
  done: { status: 'done' },
}

/** 跟进计划: the follow-ups of the user's customers (a manager: the department's), by due day. */
export function FollowUps(_props: { me: Me }) {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const opened = params.get('open')
  const [view, setView] = useState<View>(opened ? 'open' : 'today')
  return (
    <Card title={t('followUps.title')}>
      <Typography.Paragraph type="secondary">{t('followUps.hint')}</Typography.Paragraph>
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as View)}
        items={(['today', 'overdue', 'open', 'done'] as const).map((key) => ({
          key,
          label: t(`followUps.tabs.${key}`),
        }))}
      />
      <FollowUpTable query={QUERIES[view]} highlight={opened} />
    </Card>
  )
}

export function FollowUpTable({
  query,
  highlight,
  compact,
}: {
  query: FollowUpsQuery
  highlight?: string | null
  compact?: boolean
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const list = useFollowUps(query)
  if (list.isError) return <Alert type="error" showIcon title={list.error.message} />
  const status = (f: FollowUp) =>
    f.status === 'done' ? (
      <Tag color="green">
        {t('followUps.completed')}
        {f.result ? ` · ${t(`followUps.results.${f.result}`)}` : ''}
      </Tag>
    ) : f.overdue ? (
      <Tag color="red">{t('followUps.overdue')}</Tag>
    ) : (
      <Tag color="blue">{t('followUps.open')}</Tag>
    )
  return (
    <Table<FollowUp>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      pagination={compact ? false : { pageSize: 20 }}
      locale={{ emptyText: t('followUps.none') }}
      rowClassName={(f) => (f.id === highlight ? 'ant-table-row-selected' : '')}
      columns={[
        {
          title: t('followUps.customer'),
          dataIndex: 'maskedName',
          render: (name: string, f) => (
            <Typography.Link onClick={() => navigate(`/customers/${f.customerId}`)}>
              {name}
            </Typography.Link>
          ),
        },
        {
          title: t('followUps.dueAt'),
          dataIndex: 'dueAt',
          render: (at: string) => formatTime(at),
        },
        {
          title: t('followUps.purpose'),
          dataIndex: 'purpose',
          render: (p: FollowUp['purpose']) => t(`followUps.purposes.${p}`),
        },
        ...(compact
          ? []
          : [
              {
                title: t('followUps.assignee'),
                key: 'assignee',
                render: (_: unknown, f: FollowUp) => f.assignee.name,
              },
            ]),
        { title: t('followUps.status'), key: 'status', render: (_, f) => status(f) },
        {
          key: 'actions',
          render: (_, f) => (f.status === 'open' ? <CompleteFollowUp followUp={f} /> : null),
        },
      ]}
    />
  )
}
