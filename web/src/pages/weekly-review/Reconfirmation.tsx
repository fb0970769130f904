import { Alert, Form, Modal, message, Select, Space, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCatalogue, useFieldLabels } from '../../api/catalogue.js'
import { showServerErrors } from '../../api/form-errors.js'
import type { Me } from '../../api/types.js'
import {
  type ConfirmationMethod,
  useConfirmations,
  useConfirmCustomer,
} from '../../api/weekly-review.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { formatDate, formatTime } from '../../i18n/format.js'

const METHODS: ConfirmationMethod[] = ['phone', 'visit', 'email', 'message', 'portal']

type ConfirmForm = { fields: string[]; method: ConfirmationMethod }

/**
 * 信息确认 on a customer's page (DQ-2): whether the record is due for
 * re-confirmation with the customer, and "记录确认" — which fields were
 * confirmed and how; nothing of the record changes.
 */
export function Reconfirmation({
  me,
  customerId,
  kind,
  active,
}: {
  me: Me
  customerId: string
  kind: 'individual' | 'organization' | undefined
  active: boolean
}) {
  const { t, i18n } = useTranslation()
  const state = useConfirmations(customerId)
  const catalogue = useCatalogue()
  const label = useFieldLabels()
  const confirm = useConfirmCustomer(customerId)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string>()
  const [form] = Form.useForm<ConfirmForm>()
  if (!state.data) return null
  const { due, lastConfirmedAt, items } = state.data
  const fieldOptions = (catalogue.data?.items ?? [])
    .filter((e) => e.appliesTo === 'both' || e.appliesTo === kind)
    .map((e) => ({ value: e.field, label: label(e.field) }))
  const submit = async () => {
    // An incomplete form shows its own messages beside its fields: nothing is sent.
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return
    setError(undefined)
    try {
      await confirm.mutateAsync({ fields: values.fields, method: values.method })
      void message.success(t('confirmations.recorded'))
      setOpen(false)
      form.resetFields()
    } catch (caught) {
      setError(showServerErrors(form, caught))
    }
  }
  const history = items.slice(0, 5).map((c) => (
    <div key={c.id}>
      {formatTime(c.confirmedAt)} · {t(`confirmations.methods.${c.method}`)} ·{' '}
      {new Intl.ListFormat(i18n.language).format(c.fields.map(label))} · {c.confirmedBy.name}
    </div>
  ))
  return (
    <Space data-testid="reconfirmation">
      <Tooltip title={history.length > 0 ? history : undefined}>
        <Tag color={due ? 'orange' : 'green'} data-testid="reconfirmation-state">
          {due ? t('confirmations.due') : t('confirmations.upToDate')} ·{' '}
          {lastConfirmedAt
            ? t('confirmations.lastConfirmed', { at: formatDate(lastConfirmedAt) })
            : t('confirmations.neverConfirmed')}
        </Tag>
      </Tooltip>
      {active && (
        <PermittedButton
          me={me}
          permission="customers.write"
          onClick={() => setOpen(true)}
          data-testid="reconfirm"
        >
          {t('confirmations.record')}
        </PermittedButton>
      )}
      <Modal
        open={open}
        title={t('confirmations.recordTitle')}
        okText={t('confirmations.record')}
        onOk={() => void submit()}
        confirmLoading={confirm.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('confirmations.recordHint')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" initialValues={{ method: 'phone', fields: [] }}>
          <Form.Item name="fields" label={t('confirmations.fields')} rules={[{ required: true }]}>
            <Select mode="multiple" options={fieldOptions} data-testid="reconfirm-fields" />
          </Form.Item>
          <Form.Item name="method" label={t('confirmations.method')} rules={[{ required: true }]}>
            <Select
              options={METHODS.map((m) => ({ value: m, label: t(`confirmations.methods.${m}`) }))}
              data-testid="reconfirm-method"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  )
}
