import { Alert, Card, Empty, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBackups } from '../../api/backups.js'
import type { BackupRun } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { backupRunDetail } from './backup-run-detail.js'

/**
 * Short values and their headers stay on one line (a narrow column broke
 * 恢复校验 in two); the detail is the column that wraps.
 */
const ONE_LINE = {
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
}

/** Backups and their restore checks (OPS-1): when, how, and whether they proved restorable. */
export function Backups() {
  const { t, i18n } = useTranslation()
  const runs = useBackups()
  return (
    <Card title={t('menu.backups')}>
      {runs.isError && <Alert type="error" showIcon title={runs.error.message} />}
      <Table<BackupRun>
        rowKey="id"
        size="small"
        loading={runs.isPending}
        dataSource={runs.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <NoBackupsYet /> }}
        columns={[
          { ...ONE_LINE, title: t('backups.time'), dataIndex: 'startedAt', render: formatTime },
          {
            ...ONE_LINE,
            title: t('backups.kind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`backups.kinds.${kind}`),
          },
          {
            ...ONE_LINE,
            title: t('backups.trigger'),
            dataIndex: 'trigger',
            render: (trigger: string) => t(`backups.triggers.${trigger}`),
          },
          { ...ONE_LINE, title: t('backups.file'), dataIndex: 'file' },
          {
            ...ONE_LINE,
            title: t('backups.result'),
            dataIndex: 'ok',
            render: (ok: boolean) => (
              <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'backups.ok' : 'backups.failed')}</Tag>
            ),
          },
          {
            title: t('backups.detail'),
            render: (_, run) => {
              const detail = backupRunDetail(t, i18n.language, run.details)
              return <span title={detail.hover}>{detail.text}</span>
            },
          },
        ]}
      />
    </Card>
  )
}

/**
 * A new installation has no backup yet: what makes one on a schedule, how
 * to change how often, and how to make one now (issue 14 item 2).
 */
function NoBackupsYet() {
  const { t } = useTranslation()
  return (
    <Empty
      data-testid="backups-empty"
      description={
        <Typography style={{ maxWidth: 640, margin: '0 auto', textAlign: 'left' }}>
          <Typography.Paragraph strong style={{ textAlign: 'center' }}>
            {t('backups.empty.title')}
          </Typography.Paragraph>
          <Typography.Paragraph>{t('backups.empty.schedule')}</Typography.Paragraph>
          <Typography.Paragraph>{t('backups.empty.byHand')}</Typography.Paragraph>
        </Typography>
      }
    />
  )
}
