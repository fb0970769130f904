import { Alert, App, Button, Card, Input, Segmented, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { type AlertStatus, type AlertStep, useAlerts, useHandleAlert } from '../../api/alerts.js'
import type { Me, SecurityAlert } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'

type Status = AlertStatus
const STATUS_COLOURS: Record<Status, string> = {
  open: 'red',
  acknowledged: 'orange',
  closed: 'default',
}

/** Security alerts (AUD-3): who and what set them off, and acknowledge / close with a note. */
export function Alerts({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [status, setStatus] = useState<Status | 'all'>('open')
  const alerts = useAlerts(status)
  const mayHandle = has(me, 'alerts.manage')
  return (
    <Card
      title={t('alerts.title')}
      extra={
        <Segmented
          value={status}
          onChange={(value) => setStatus(value as Status | 'all')}
          options={(['open', 'acknowledged', 'closed', 'all'] as const).map((value) => ({
            value,
            label: t(`alerts.status.${value}`),
          }))}
        />
      }
    >
      {alerts.isError && <Alert type="error" showIcon title={alerts.error.message} />}
      <Table<SecurityAlert>
        rowKey="id"
        size="small"
        loading={alerts.isPending}
        dataSource={alerts.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('alerts.empty') }}
        columns={[
          {
            title: t('alerts.rule'),
            dataIndex: 'rule',
            render: (rule: string) => t(`alerts.rules.${rule}`, { defaultValue: rule }),
          },
          {
            title: t('alerts.statusTitle'),
            dataIndex: 'status',
            render: (value: Status) => (
              <Tag color={STATUS_COLOURS[value]}>{t(`alerts.status.${value}`)}</Tag>
            ),
          },
          {
            title: t('alerts.who'),
            // The account by its display name, its username on hover (issue 14 item 5).
            render: (_, alert) =>
              alert.actor.displayName ? (
                <span title={alert.actor.name ?? undefined}>{alert.actor.displayName}</span>
              ) : (
                (alert.actor.name ?? alert.sourceIp ?? alert.subject)
              ),
          },
          { title: t('alerts.events'), dataIndex: 'eventCount' },
          {
            title: t('alerts.lastSeen'),
            dataIndex: 'lastSeenAt',
            render: formatTime,
          },
          { title: t('alerts.note'), dataIndex: 'note' },
          {
            title: '',
            render: (_, alert) => (
              <Space>
                {has(me, 'audit.read') && alert.actor && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => navigate(`/audit?actor=${alert.actor?.id ?? ''}`)}
                  >
                    {t('alerts.trail')}
                  </Button>
                )}
                {mayHandle && alert.status !== 'closed' && <HandleAlert alert={alert} />}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  )
}

/** Acknowledge (someone is on it) or close (dealt with), each with an optional note. */
function HandleAlert({ alert }: { alert: SecurityAlert }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const handle = useHandleAlert(alert, { onError: (error) => void message.error(error.message) })
  const ask = (step: AlertStep) => {
    let note = ''
    modal.confirm({
      title: t(`alerts.${step}`),
      content: (
        <Input.TextArea
          aria-label={t('alerts.note')}
          placeholder={t('alerts.note')}
          maxLength={1000}
          onChange={(e) => {
            note = e.target.value
          }}
        />
      ),
      onOk: () => handle.mutateAsync({ step, note: note.trim() }),
    })
  }
  return (
    <Space>
      {alert.status === 'open' && (
        <Button size="small" onClick={() => ask('acknowledge')}>
          {t('alerts.acknowledge')}
        </Button>
      )}
      <Button size="small" onClick={() => ask('close')}>
        {t('alerts.close')}
      </Button>
    </Space>
  )
}
