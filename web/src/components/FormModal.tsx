import { Alert, type FormInstance, Modal } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { showServerErrors } from '../api/form-errors.js'

/**
 * A form in a dialog: OK validates and submits; a server refusal shows its
 * message above the form and its field messages on the fields; the dialog
 * closes only when the submission succeeded.
 */
export function FormModal<Values>({
  title,
  form,
  onSubmit,
  onClose,
  okText,
  danger = false,
  blocked = false,
  width,
  children,
}: {
  title: ReactNode
  form: FormInstance<Values>
  onSubmit: (values: Values) => Promise<unknown>
  onClose: () => void
  okText?: string
  danger?: boolean
  /** OK stays disabled: the form says why nothing can be saved yet. */
  blocked?: boolean
  width?: number
  children: ReactNode
}) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const save = async () => {
    // A field that fails validation shows its message on the form; nothing more to do here.
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setError(null)
    setSaving(true)
    try {
      await onSubmit(values)
      onClose()
    } catch (caught) {
      setError(showServerErrors(form, caught))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText ?? t('create.save')}
      cancelText={t('create.cancel')}
      okButtonProps={{ danger, disabled: blocked }}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {children}
    </Modal>
  )
}
