import { Alert, Card, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatTime } from '../../i18n/format.js'
import { ImportStateTag } from './ImportStateTag.js'
import { type ImportView, useImports } from './imports-api.js'

/** The account's latest imports, newest first: one is reopened by a click, a running one too. */
export function RecentImports({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation()
  const imports = useImports()
  return (
    <Card title={t('imports.recent.title')}>
      {imports.isError && <Alert type="error" showIcon title={imports.error.message} />}
      <Table<ImportView>
        rowKey="id"
        size="small"
        loading={imports.isPending}
        dataSource={imports.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('imports.recent.none') }}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('imports.recent.file'), dataIndex: 'fileName' },
          { title: t('imports.recent.uploaded'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('imports.recent.state'),
            dataIndex: 'state',
            render: (state: ImportView['state']) => <ImportStateTag state={state} />,
          },
          {
            title: t('imports.recent.rows'),
            render: (_, row) => row.progress.total ?? '—',
          },
        ]}
      />
    </Card>
  )
}
