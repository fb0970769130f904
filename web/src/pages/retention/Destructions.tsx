import { Alert, App, Button, Card, Segmented, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type DestructionStatus,
  type DestructionStep,
  useDecideDestruction,
  useDestructions,
} from '../../api/destructions.js'
import type { Destruction } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'

const COLOURS = { pending_approval: 'orange', completed: 'default', rejected: 'green' } as const

/** Destructions waiting for a second person's approval, and those decided (RET-2, ACC-5). */
export function Destructions() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const [status, setStatus] = useState<DestructionStatus | 'all'>('pending_approval')
  const destructions = useDestructions(status)
  const decide = useDecideDestruction({
    onError: (error) => void message.error(error.message),
  })
  const confirm = (row: Destruction, step: DestructionStep) =>
    modal.confirm({
      title: t(`destruction.confirm.${step}`),
      content: step === 'approve' ? t('destruction.warning') : undefined,
      okButtonProps: { danger: step === 'approve' },
      onOk: () => decide.mutateAsync({ id: row.id, step }),
    })
  return (
    <Card
      title={t('menu.destructions')}
      extra={
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as Destruction['status'] | 'all')}
          options={(['pending_approval', 'completed', 'rejected', 'all'] as const).map((value) => ({
            value,
            label: t(`destruction.statuses.${value}`),
          }))}
        />
      }
    >
      {destructions.isError && <Alert type="error" showIcon title={destructions.error.message} />}
      <Table<Destruction>
        rowKey="id"
        size="small"
        loading={destructions.isPending}
        dataSource={destructions.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('destruction.empty') }}
        columns={[
          {
            title: t('requests.customer'),
            dataIndex: 'customerId',
            render: (id: string) => <code>{id.slice(0, 8)}</code>,
          },
          {
            title: t('destruction.reason'),
            dataIndex: 'reason',
            render: (reason: string) => t(`destruction.reasons.${reason}`),
          },
          {
            title: t('destruction.status'),
            dataIndex: 'status',
            render: (value: Destruction['status']) => (
              <Tag color={COLOURS[value]}>{t(`destruction.statuses.${value}`)}</Tag>
            ),
          },
          {
            title: t('destruction.requested'),
            render: (_, row) => `${row.requestedBy.name} · ${formatTime(row.requestedAt)}`,
          },
          {
            title: t('destruction.decided'),
            render: (_, row) =>
              row.decidedBy ? `${row.decidedBy.name} · ${formatTime(row.decidedAt)}` : '—',
          },
          {
            title: '',
            render: (_, row) =>
              row.status === 'pending_approval' && (
                <Space>
                  <Button size="small" danger onClick={() => confirm(row, 'approve')}>
                    {t('destruction.approve')}
                  </Button>
                  <Button size="small" onClick={() => confirm(row, 'reject')}>
                    {t('destruction.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  )
}
