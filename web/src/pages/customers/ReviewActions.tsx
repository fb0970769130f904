import { Alert, App, Button, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useReviewStep } from '../../api/entry.js'
import type { CustomerView, Me } from '../../api/types.js'
import { PermittedButton } from '../../components/PermittedButton.js'

/**
 * The review steps a record offers (CUS-4): its creator or owner submits a
 * draft or a corrected record; a reviewer who did not enter it approves or
 * sends it back with a reason. The server refuses anyone else.
 */
export function ReviewActions({ customer, me }: { customer: CustomerView; me: Me }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const step = useReviewStep()
  const [rejecting, setRejecting] = useState(false)
  const { status, id } = customer
  const done = (text: string) => () => void message.success(text)
  const fail = (caught: Error) => void message.error(caught.message)
  if (status === 'draft' || status === 'rejected') {
    return (
      <PermittedButton
        me={me}
        permission="customers.write"
        type="primary"
        loading={step.isPending}
        onClick={() =>
          step.mutate(
            { step: 'submit', id },
            { onSuccess: done(t('entry.submitted')), onError: fail },
          )
        }
      >
        {t('entry.submit')}
      </PermittedButton>
    )
  }
  if (status !== 'submitted') return null
  return (
    <>
      <PermittedButton
        me={me}
        permission="customers.review"
        type="primary"
        loading={step.isPending}
        onClick={() =>
          step.mutate(
            { step: 'approve', id },
            { onSuccess: done(t('entry.approved')), onError: fail },
          )
        }
      >
        {t('entry.approve')}
      </PermittedButton>
      <PermittedButton
        me={me}
        permission="customers.review"
        danger
        onClick={() => setRejecting(true)}
      >
        {t('entry.reject')}
      </PermittedButton>
      {rejecting && <RejectDialog id={id} onClose={() => setRejecting(false)} />}
    </>
  )
}

function RejectDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const step = useReviewStep()
  const [form] = Form.useForm<{ reason: string }>()
  return (
    <Modal
      open
      title={t('entry.rejectTitle')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('entry.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger
          loading={step.isPending}
          onClick={() => form.submit()}
        >
          {t('entry.reject')}
        </Button>,
      ]}
    >
      {step.isError && <Alert type="error" title={step.error.message} showIcon />}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          step.mutate(
            { step: 'reject', id, reason },
            {
              onSuccess: () => {
                void message.success(t('entry.rejectedDone'))
                onClose()
              },
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('entry.rejectReason')}
          extra={t('entry.rejectHint')}
          rules={[{ required: true, whitespace: true, message: t('entry.rejectReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
