import { Alert, App, Button, Form, Input, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type RetentionRequest, useRetentionRequest } from '../../api/retention.js'
import { FormModal } from '../../components/FormModal.js'

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

/** Ask for a customer's destruction (a second person approves it), or place a legal hold (RET-1, RET-2). */
export function RetentionActions({ customerId }: { customerId: string }) {
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
    <>
      <Button onClick={() => setAction('legal-holds')}>{t('destruction.hold')}</Button>
      <Button danger onClick={() => setAction('destruction')}>
        {t('destruction.request')}
      </Button>
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
    </>
  )
}
