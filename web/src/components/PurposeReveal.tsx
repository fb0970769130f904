import { Alert, Form, Modal, Select } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePurposes, usePurposeText } from '../api/purposes.js'

/**
 * A sealed text of a customer — an interaction's note, a tracking form,
 * feedback answers — shown in plain for a stated purpose (ACC-2), on the
 * audit trail, for the time the server allows, then dropped from memory:
 * the one dialog every such reveal opens, with the customer reveal's words.
 */
export function PurposeReveal<Revealed extends { displaySeconds: number }>({
  title,
  notice,
  reveal,
  onClose,
  children,
}: {
  title: string
  notice: string
  /** Asks the server for the plain text for the purpose chosen. */
  reveal: (purpose: string) => Promise<Revealed>
  onClose: () => void
  /** The plain text, as this kind of record shows it. */
  children: (revealed: Revealed) => ReactNode
}) {
  const { t } = useTranslation()
  const purposes = usePurposes()
  const purposeText = usePurposeText()
  const [form] = Form.useForm<{ purpose: string }>()
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const [secondsLeft, setSecondsLeft] = useState(0)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!revealed) return
    const timer = setInterval(() => setSecondsLeft((s) => s - 1), 1000)
    return () => clearInterval(timer)
  }, [revealed])
  useEffect(() => {
    if (revealed && secondsLeft <= 0) onClose()
  }, [revealed, secondsLeft, onClose])
  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setError(null)
    try {
      const result = await reveal(values.purpose)
      setRevealed(result)
      setSecondsLeft(result.displaySeconds)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    }
  }
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={revealed ? onClose : () => void submit()}
      okText={revealed ? t('reveal.close') : t('reveal.submit')}
      // Once the text shows, closing is the only thing left to do: one button.
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
          {children(revealed)}
        </>
      ) : (
        <Form form={form} layout="vertical">
          <Alert type="info" title={notice} style={{ marginBottom: 16 }} />
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
