import { Alert, Descriptions, Form, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/client.js'
import { type RevealedValues, useRevealCustomer } from '../../api/customers.js'
import { usePurposes, usePurposeText } from '../../api/purposes.js'
import type { CustomerView } from '../../api/types.js'
import { show } from './show-value.js'

type Revealed = RevealedValues

/**
 * ACC-2: the caller names fields and a purpose; the plain values are shown
 * for the time the server allows, then dropped from memory.
 */
export function RevealDialog({
  customer,
  label,
  onClose,
}: {
  customer: CustomerView
  label: (field: string) => string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const reveal = useRevealCustomer(customer.id)
  const purposes = usePurposes()
  const purposeText = usePurposeText()
  const [form] = Form.useForm<{ fields: string[]; purpose: string }>()
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const [secondsLeft, setSecondsLeft] = useState(0)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!revealed) return
    const timer = setInterval(() => setSecondsLeft((s) => s - 1), 1000)
    return () => clearInterval(timer)
  }, [revealed])
  useEffect(() => {
    if (revealed && secondsLeft <= 0) {
      setRevealed(null)
      onClose()
    }
  }, [revealed, secondsLeft, onClose])

  const submit = async () => {
    // A field that fails validation shows its message on the form; nothing more to do here.
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setError(null)
    try {
      // The reveal is on the trail now: the hook has "who accessed this customer" read again.
      const result = await reveal.mutateAsync(values)
      setRevealed(result)
      setSecondsLeft(result.displaySeconds)
    } catch (caught) {
      const fields =
        caught instanceof ApiError
          ? Object.entries(caught.body.fields ?? {}).map(([f, m]) => `${label(f)}: ${m}`)
          : []
      setError([caught instanceof Error ? caught.message : String(caught), ...fields].join(' '))
    }
  }

  return (
    <Modal
      open
      title={t('reveal.title')}
      onCancel={() => {
        setRevealed(null)
        onClose()
      }}
      onOk={revealed ? onClose : () => void submit()}
      okText={revealed ? t('reveal.close') : t('reveal.submit')}
      // Once the values show, closing is the only thing left to do: one button.
      cancelButtonProps={revealed ? { style: { display: 'none' } } : {}}
      destroyOnHidden
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      {revealed ? (
        <>
          <Alert
            type="warning"
            title={t('reveal.hidesIn', { seconds: secondsLeft })}
            style={{ marginBottom: 16 }}
          />
          <Descriptions bordered column={1} size="small">
            {Object.entries(revealed.values).map(([field, value]) => (
              <Descriptions.Item key={field} label={label(field)}>
                {value === null ? '—' : show(value)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ fields: customer.revealable.slice(0, 1) }}
        >
          <Alert type="info" title={t('reveal.notice')} style={{ marginBottom: 16 }} />
          <Form.Item name="fields" label={t('reveal.fields')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              options={customer.revealable.map((f) => ({ value: f, label: label(f) }))}
            />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('reveal.purpose')}
            rules={[{ required: true, message: t('reveal.purposeRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={purposes.isPending}
              options={(purposes.data?.items ?? [])
                .filter((p) => p.active)
                .map((p) => ({ value: p.code, label: purposeText.name(p) }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  )
}
