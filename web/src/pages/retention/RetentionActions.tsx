import { Alert, App, Form, Input, Select, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type RetentionRequest, useRetentionRequest } from '../../api/retention.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'

const REASONS = [
  'retention_expired',
  'customer_request',
  'purpose_fulfilled',
  'consent_withdrawn',
  'unlawfully_collected',
] as const satisfies readonly Extract<
  RetentionRequest,
  { action: 'destruction' }
>['body']['reason'][]

type Action = RetentionRequest['action']

/**
 * Ask for a customer's destruction (a second person approves it), or place a
 * legal hold (RET-1, RET-2); without the permission, both shown disabled.
 */
export function RetentionActions({ customerId, me }: { customerId: string; me: Me }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const ask = useRetentionRequest(customerId)
  const [action, setAction] = useState<Action | null>(null)
  const [form] = Form.useForm()
  const close = () => {
    setAction(null)
    form.resetFields()
  }
  return (
    // Their own row: in the card's button row a fragment would be one item, the two buttons touching.
    <Space>
      <PermittedButton
        me={me}
        permission="retention.manage"
        onClick={() => setAction('legal-holds')}
      >
        {t('destruction.hold')}
      </PermittedButton>
      <PermittedButton
        me={me}
        permission="retention.manage"
        danger
        onClick={() => setAction('destruction')}
      >
        {t('destruction.request')}
      </PermittedButton>
      {action && (
        <FormModal
          title={t(action === 'destruction' ? 'destruction.request' : 'destruction.hold')}
          form={form}
          danger={action === 'destruction'}
          onSubmit={async (values) => {
            await ask.mutateAsync({ action, body: values } as RetentionRequest)
            void message.success(
              t(action === 'destruction' ? 'destruction.requestedNote' : 'destruction.heldNote'),
            )
          }}
          onClose={close}
        >
          <Form form={form} layout="vertical">
            {action === 'destruction' ? (
              <>
                <Alert
                  type="warning"
                  showIcon
                  title={t('destruction.warning')}
                  style={{ marginBottom: 16 }}
                />
                <Form.Item
                  name="reason"
                  label={t('destruction.reason')}
                  rules={[{ required: true }]}
                >
                  <Select
                    options={REASONS.map((value) => ({
                      value,
                      label: t(`destruction.reasons.${value}`),
                    }))}
                  />
                </Form.Item>
              </>
            ) : (
              <Form.Item
                name="reference"
                label={t('destruction.reference')}
                extra={t('destruction.referenceHint')}
                rules={[{ required: true }]}
              >
                <Input maxLength={120} />
              </Form.Item>
            )}
          </Form>
        </FormModal>
      )}
    </Space>
  )
}
