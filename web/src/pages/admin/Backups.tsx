import { Alert, Card, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBackups } from '../../api/backups.js'
import type { BackupRun } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { backupRunDetail } from './backup-run-detail.js'

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
        locale={{ emptyText: t('backups.empty') }}
        columns={[
          { title: t('backups.time'), dataIndex: 'startedAt', render: formatTime },
          {
            title: t('backups.kind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`backups.kinds.${kind}`),
          },
          {
            title: t('backups.trigger'),
            dataIndex: 'trigger',
            render: (trigger: string) => t(`backups.triggers.${trigger}`),
          },
          { title: t('backups.file'), dataIndex: 'file' },
          {
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
