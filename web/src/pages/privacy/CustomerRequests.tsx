import { Alert, Button, Empty, Form, Input, Select, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { usePurposes, usePurposeText } from '../../api/purposes.js'
import { type NewRequest, useCustomerRequests, useFileRequest } from '../../api/requests.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton, useHoldersOf } from '../../components/PermittedButton.js'
import { RequestTable } from '../../components/RequestTable.js'
import { has } from '../../permissions.js'

const TYPES = [
  'access',
  'correct',
  'delete',
  'restrict',
  'withdraw',
  'portability',
] as const satisfies readonly NewRequest['type'][]
/** The channels staff take a request in by (the API's others are the portal's and API clients'). */
const CHANNELS = [
  'counter',
  'phone',
  'email',
  'letter',
  'web',
  'other',
] as const satisfies readonly NonNullable<NewRequest['channel']>[]

/**
 * One customer's requests, and the intake of a new one (DSR-1). Without the
 * permission the intake is shown disabled, and who files requests is named.
 */
export function CustomerRequests({ customerId, me }: { customerId: string; me: Me }) {
  const { t } = useTranslation()
  const holders = useHoldersOf()
  if (!has(me, 'requests.manage')) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <PermittedButton me={me} permission="requests.manage" type="primary">
          {t('requests.file')}
        </PermittedButton>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('requests.handledBy', { roles: holders('requests.manage') })}
        />
      </Space>
    )
  }
  return <RequestsOfCustomer customerId={customerId} />
}

function RequestsOfCustomer({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const [filing, setFiling] = useState(false)
  const requests = useCustomerRequests(customerId)
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setFiling(true)}>
        {t('requests.file')}
      </Button>
      {requests.isError && <Alert type="error" showIcon title={requests.error.message} />}
      <RequestTable
        requests={requests.data?.items ?? []}
        loading={requests.isPending}
        showCustomer={false}
      />
      {filing && <RequestIntake customerId={customerId} onClose={() => setFiling(false)} />}
    </Space>
  )
}

type Values = Omit<NewRequest, 'customerId'>

function RequestIntake({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const file = useFileRequest()
  const purposes = usePurposes()
  const purposeText = usePurposeText()
  const [form] = Form.useForm<Values>()
  const type = Form.useWatch('type', form)
  return (
    <FormModal
      title={t('requests.file')}
      form={form}
      onSubmit={async (values) => {
        const created = await file.mutateAsync({ customerId, ...values })
        void navigate(`/requests/${created.id}`)
      }}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ type: 'access', channel: 'counter' }}>
        <Form.Item name="type" label={t('requests.type')}>
          <Select
            options={TYPES.map((value) => ({ value, label: t(`requests.types.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('requests.channel')}>
          <Select
            options={CHANNELS.map((value) => ({ value, label: t(`requests.channels.${value}`) }))}
          />
        </Form.Item>
        {type === 'withdraw' && (
          <Form.Item name="purposes" label={t('requests.purposes')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={(purposes.data?.items ?? [])
                .filter((p) => p.legalBasis === 'consent')
                .map((p) => ({ value: p.code, label: purposeText.name(p) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="details" label={t('requests.details')} extra={t('requests.detailsHint')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
