import { Alert, Button, Card, Form, Select, Table } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { type NewCall, useCalls, useLogCall } from '../../api/reception.js'
import type { ReceptionCall } from '../../api/types.js'
import { CustomerPicker } from '../../components/CustomerPicker.js'
import { FormModal } from '../../components/FormModal.js'
import { formatTime } from '../../i18n/format.js'

const CHANNELS: NewCall['channel'][] = ['phone', 'wechat', 'online', 'other']
const OUTCOMES: NewCall['outcome'][] = ['appointment', 'interested', 'not_interested', 'other']

/** The desk's call register (来电登记表): every inbound call, who took it, how it ended. */
export function CallRegister() {
  const { t } = useTranslation()
  const calls = useCalls()
  const navigate = useNavigate()
  const [logging, setLogging] = useState(false)
  return (
    <Card
      title={t('reception.calls')}
      extra={<Button onClick={() => setLogging(true)}>{t('reception.logCall')}</Button>}
    >
      {calls.isError && <Alert type="error" showIcon title={calls.error.message} />}
      <Table<ReceptionCall>
        rowKey="id"
        size="small"
        pagination={false}
        loading={calls.isPending}
        dataSource={calls.data?.items ?? []}
        locale={{ emptyText: t('reception.noCalls') }}
        columns={[
          { title: t('reception.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
          { title: t('reception.takenBy'), render: (_, c) => c.takenBy.name },
          { title: t('reception.channel'), render: (_, c) => t(`reception.channels.${c.channel}`) },
          {
            title: t('reception.callOutcome'),
            render: (_, c) => t(`reception.callOutcomes.${c.outcome}`),
          },
          {
            title: t('reception.customer'),
            render: (_, c) =>
              c.customerId && (
                <Button
                  size="small"
                  type="link"
                  onClick={() => navigate(`/customers/${c.customerId}`)}
                >
                  {t('reception.openCustomer')}
                </Button>
              ),
          },
        ]}
      />
      {logging && <LogCall onClose={() => setLogging(false)} />}
    </Card>
  )
}

function LogCall({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<NewCall>()
  const log = useLogCall()
  return (
    <FormModal<NewCall>
      title={t('reception.logCall')}
      form={form}
      onSubmit={(values) => log.mutateAsync(values)}
      onClose={onClose}
      okText={t('reception.logCall')}
    >
      <Form form={form} layout="vertical" initialValues={{ channel: 'phone' }}>
        <Form.Item name="channel" label={t('reception.channel')} rules={[{ required: true }]}>
          <Select
            options={CHANNELS.map((c) => ({ value: c, label: t(`reception.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('reception.callOutcome')} rules={[{ required: true }]}>
          <Select
            options={OUTCOMES.map((o) => ({ value: o, label: t(`reception.callOutcomes.${o}`) }))}
          />
        </Form.Item>
        {/* A caller who is a customer: the call goes on their timeline as an interaction, one step (CUS-6). */}
        <Form.Item
          name="customerId"
          label={t('reception.caller')}
          extra={t('reception.callerHint')}
        >
          <CustomerPicker placeholder={t('reception.callerSearch')} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
