import { Alert, App, Button, Form, Modal, Select, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type TransferReason, useColleagues, useOwnerStep } from '../../api/entry.js'
import type { CustomerView, Me } from '../../api/types.js'
import { PermittedButton } from '../../components/PermittedButton.js'

const REASONS = [
  'first_visit_dispute',
  'staff_left',
  'rebalance',
  'customer_complaint',
] satisfies TransferReason[]

type Step = 'transfer' | 'wish'

/**
 * Moving a customer (CUS-5): a manager's transfer with a reason, or the
 * customer's wish to be served by a colleague (以客户意愿为主), which moves
 * the follow-up and leaves the registration where it is.
 */
export function OwnerActions({ customer, me }: { customer: CustomerView; me: Me }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<Step | null>(null)
  if (customer.status === 'destroyed') return null
  return (
    <>
      {customer.status === 'active' && (
        <PermittedButton me={me} permission="customers.write" onClick={() => setOpen('wish')}>
          {t('entry.wish.button')}
        </PermittedButton>
      )}
      <PermittedButton me={me} permission="customers.transfer" onClick={() => setOpen('transfer')}>
        {t('entry.transfer.button')}
      </PermittedButton>
      {open && <OwnerDialog step={open} customer={customer} onClose={() => setOpen(null)} />}
    </>
  )
}

function OwnerDialog({
  step,
  customer,
  onClose,
}: {
  step: Step
  customer: CustomerView
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const colleagues = useColleagues()
  const move = useOwnerStep()
  const [form] = Form.useForm<{ toOwnerId: string; reason: TransferReason }>()
  const options = (colleagues.data?.items ?? [])
    .filter((c) => c.id !== customer.owner?.id)
    .map((c) => ({ value: c.id, label: c.name }))
  return (
    <Modal
      open
      title={t(`entry.${step}.title`)}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('entry.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={move.isPending} onClick={() => form.submit()}>
          {t('entry.confirm')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t(`entry.${step}.hint`)}</Typography.Paragraph>
      {move.isError && <Alert type="error" title={move.error.message} showIcon />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          move.mutate(
            step === 'wish'
              ? { step, id: customer.id, toOwnerId: values.toOwnerId }
              : { step, id: customer.id, toOwnerId: values.toOwnerId, reason: values.reason },
            {
              onSuccess: () => {
                void message.success(t(`entry.${step}.done`))
                onClose()
              },
            },
          )
        }
      >
        <Form.Item
          name="toOwnerId"
          label={t(`entry.${step}.to`)}
          rules={[{ required: true, message: t('entry.pickColleague') }]}
        >
          <Select
            options={options}
            loading={colleagues.isPending}
            showSearch
            optionFilterProp="label"
            aria-label={t(`entry.${step}.to`)}
          />
        </Form.Item>
        {step === 'transfer' && (
          <Form.Item
            name="reason"
            label={t('entry.transfer.reason')}
            rules={[{ required: true, message: t('entry.pickReason') }]}
          >
            <Select
              aria-label={t('entry.transfer.reason')}
              options={REASONS.map((reason) => ({
                value: reason,
                label: t(`entry.reasons.${reason}`),
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
