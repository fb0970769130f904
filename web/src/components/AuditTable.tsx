import { Alert, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAuditEvents } from '../api/audit.js'
import type { AuditEvent } from '../api/types.js'
import { formatTime } from '../i18n/format.js'

/** Audit events matching a filter, newest first (AUD-4): names and fields, never values. */
export function AuditTable({ filter }: { filter: Record<string, string | undefined> }) {
  const { t } = useTranslation()
  // Actions and reasons in words (the server's audit vocabulary, labelled in i18n); the action's
  // code stays beside its label, in grey, as the filter above takes it.
  const actionLabel = (action: string) => t(`auditActions.${action}`, { defaultValue: action })
  const reasonLabel = (reason: string) => {
    const [code = reason, detail] = reason.split(':')
    const label = t(`auditReasons.${code}`, { defaultValue: reason })
    return detail && label !== reason ? `${label} (${detail})` : label
  }
  const events = useAuditEvents(filter)
  if (events.isError) return <Alert type="error" title={events.error.message} showIcon />
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      loading={events.isPending}
      dataSource={events.data?.items ?? []}
      pagination={false}
      columns={[
        {
          title: t('audit.time'),
          dataIndex: 'occurredAt',
          render: formatTime,
        },
        { title: t('audit.actor'), render: (_, e) => e.actor.name ?? e.actor.type },
        {
          title: t('audit.action'),
          dataIndex: 'action',
          render: (action: string) => (
            <>
              {actionLabel(action)} <Typography.Text type="secondary">{action}</Typography.Text>
            </>
          ),
        },
        {
          title: t('audit.fields'),
          dataIndex: 'fields',
          render: (fields: string[]) => fields.join(', '),
        },
        { title: t('audit.purpose'), dataIndex: 'purpose' },
        {
          title: t('audit.outcome'),
          render: (_, e) => (
            <Tag color={e.outcome === 'allowed' ? 'green' : 'red'}>
              {t(`audit.${e.outcome}`)}
              {e.reason ? ` · ${reasonLabel(e.reason)}` : ''}
            </Tag>
          ),
        },
        {
          title: t('audit.target'),
          render: (_, e) => (e.target ? `${e.target.type} ${e.target.id}` : ''),
        },
      ]}
    />
  )
}
