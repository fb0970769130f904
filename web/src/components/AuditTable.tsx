import { Alert, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAuditEvents } from '../api/audit.js'
import type { AuditEvent } from '../api/types.js'
import { formatTime } from '../i18n/format.js'
import { auditEventNames, type Shown } from './audit-event-names.js'

const NO_WRAP = { style: { whiteSpace: 'nowrap' as const } }
/** Every header on one line: a squeezed column broke 查询目的 in two (issue 14 item 6). */
const HEADER = { onHeaderCell: () => NO_WRAP }
/** Short names stay on one line. */
const ONE_LINE = { ...HEADER, onCell: () => NO_WRAP }
/**
 * Names that may be long (the list of fields, who acted, on what) wrap in
 * their column, never narrower than a few words, so the table fits its card
 * at 1366 px; narrower still, it scrolls sideways inside the card.
 */
const WRAPS = (minWidth: number) => ({ ...HEADER, onCell: () => ({ style: { minWidth } }) })

/** A name, with the code or id it stands for on hover. */
function Named({ shown }: { shown: Shown | null }) {
  if (!shown) return null
  return <span title={shown.hover}>{shown.text}</span>
}

/**
 * Audit events matching a filter, newest first (AUD-4): names and fields,
 * never values; every code and id by its name in the user's language, the
 * code or id on hover (issue 14 item 1).
 */
export function AuditTable({ filter }: { filter: Record<string, string | undefined> }) {
  const { t, i18n } = useTranslation()
  const names = auditEventNames(t, i18n.language)
  const events = useAuditEvents(filter)
  if (events.isError) return <Alert type="error" title={events.error.message} showIcon />
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      loading={events.isPending}
      dataSource={events.data?.items ?? []}
      pagination={false}
      scroll={{ x: true }}
      columns={[
        {
          ...ONE_LINE,
          title: t('audit.time'),
          dataIndex: 'occurredAt',
          render: formatTime,
        },
        {
          ...WRAPS(120),
          title: t('audit.actor'),
          render: (_, e) => <Named shown={names.actor(e)} />,
        },
        {
          ...ONE_LINE,
          title: t('audit.action'),
          render: (_, e) => <Named shown={names.action(e.action)} />,
        },
        {
          ...WRAPS(160),
          title: t('audit.fields'),
          render: (_, e) => <Named shown={names.fields(e)} />,
        },
        {
          ...ONE_LINE,
          title: t('audit.purpose'),
          render: (_, e) => <Named shown={names.purpose(e)} />,
        },
        {
          ...ONE_LINE,
          title: t('audit.outcome'),
          render: (_, e) => {
            const reason = e.reason ? names.reason(e.reason) : null
            return (
              <Tag color={e.outcome === 'allowed' ? 'green' : 'red'} title={reason?.hover}>
                {t(`audit.${e.outcome}`)}
                {reason ? ` · ${reason.text}` : ''}
              </Tag>
            )
          },
        },
        {
          ...WRAPS(120),
          title: t('audit.target'),
          render: (_, e) => <Named shown={names.target(e)} />,
        },
      ]}
    />
  )
}
