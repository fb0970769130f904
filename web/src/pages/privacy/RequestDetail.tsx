import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Timeline } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router-dom'
import { useCatalogue } from '../../api/catalogue.js'
import { usePurposeNames } from '../../api/purposes.js'
import { type RequestAction, useRequest, useRequestAction } from '../../api/requests.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { DueTag } from '../../components/RequestTable.js'
import { formatTime } from '../../i18n/format.js'

/** The steps that ask for details first (a correction is fulfilled with its changes). */
type Step = 'verify' | 'refuse' | 'correct'
type VerifyBody = Extract<RequestAction, { path: 'verify-identity' }>['body']
type RefuseBody = Extract<RequestAction, { path: 'refuse' }>['body']
const IDENTITY_METHODS = ['id_document', 'in_person', 'phone_callback', 'online_account', 'other']

/** One request: its facts, its operation log, the next steps and, once done, its export (DSR-1, DSR-2). */
export function RequestDetail({ me }: { me: Me }) {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [step, setStep] = useState<Step | null>(null)
  const request = useRequest(id)
  const purposeName = usePurposeNames()
  const act = useRequestAction(id, {
    onSuccess: () => setStep(null),
    onError: (error) => void message.error(error.message),
  })
  if (request.isError) return <Alert type="error" showIcon title={request.error.message} />
  const r = request.data
  const open = r && (r.status === 'received' || r.status === 'in_progress')
  const fulfil = () =>
    r?.type === 'correct' ? setStep('correct') : act.mutate({ path: 'fulfil', body: {} })

  return (
    <Card
      loading={request.isPending}
      title={r ? `${t(`requests.types.${r.type}`)} · ${t(`requests.statuses.${r.status}`)}` : ''}
      extra={
        <Space>
          {open && !r.assignee && (
            <Button onClick={() => act.mutate({ path: 'assign', body: { assigneeId: me.id } })}>
              {t('requests.assignToMe')}
            </Button>
          )}
          {open && !r.identity && (
            <Button onClick={() => setStep('verify')}>{t('requests.verify')}</Button>
          )}
          {open && r.identity && (
            <Button type="primary" loading={act.isPending} onClick={fulfil}>
              {t('requests.fulfil')}
            </Button>
          )}
          {open && (
            <Button danger onClick={() => setStep('refuse')}>
              {t('requests.refuse')}
            </Button>
          )}
          {r?.exportFormats.map((format) => (
            <Button
              key={format}
              href={`/api/v1/requests/${id}/export?format=${format}&lang=${i18n.language}`}
              download
            >
              {t('requests.download', { format: format.toUpperCase() })}
            </Button>
          ))}
          {r && (
            <Button onClick={() => navigate(`/customers/${r.customerId}`)}>
              {t('requests.openCustomer')}
            </Button>
          )}
        </Space>
      }
    >
      {r && (
        <>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('requests.due')}>
              <DueTag request={r} />
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.received')}>
              {formatTime(r.receivedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.channel')}>
              {t(`requests.channels.${r.channel}`, { defaultValue: r.channel })}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.assignee')}>
              {r.assignee?.name ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.customer')}>
              {r.customerName ?? t('requests.customerDestroyed')}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.identity')}>
              {r.identity
                ? `${t(`requests.methods.${r.identity.method}`)} · ${r.identity.verifiedBy} · ${formatTime(r.identity.verifiedAt)}`
                : t('requests.notVerified')}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.note')}>
              {r.identity?.note ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.purposes')}>
              {r.purposes.map(purposeName).join(i18n.language === 'zh-CN' ? '、' : ', ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.details')} span={2}>
              {r.details ?? '—'}
            </Descriptions.Item>
            {r.refusalReason && (
              <Descriptions.Item label={t('requests.refusalReason')} span={2}>
                {r.refusalReason}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Card type="inner" title={t('requests.log')} style={{ marginTop: 16 }}>
            <Timeline
              items={r.events.map((event) => ({
                content: `${formatTime(event.at)} · ${t(`requests.events.${event.action}`, { defaultValue: event.action })}${event.actor ? ` · ${event.actor}` : ''}`,
              }))}
            />
          </Card>
        </>
      )}
      {step && (
        <StepForm
          step={step}
          onCancel={() => setStep(null)}
          onSubmit={(action) => act.mutateAsync(action)}
        />
      )}
    </Card>
  )
}

/** The forms of a step: how identity was verified, why a request is refused, what to correct. */
function StepForm({
  step,
  onCancel,
  onSubmit,
}: {
  step: Step
  onCancel: () => void
  onSubmit: (action: RequestAction) => Promise<unknown>
}) {
  const { t, i18n } = useTranslation()
  const catalogue = useCatalogue()
  const [form] = Form.useForm<Record<string, string>>()
  // Each step posts its own path: verify-identity, refuse, or fulfil with the correction.
  const submit = (values: Record<string, string>) =>
    step === 'correct'
      ? onSubmit({ path: 'fulfil', body: { changes: { [values.field as string]: values.value } } })
      : step === 'verify'
        ? onSubmit({ path: 'verify-identity', body: values as VerifyBody })
        : onSubmit({ path: 'refuse', body: values as RefuseBody })
  return (
    <FormModal title={t(`requests.steps.${step}`)} form={form} onSubmit={submit} onClose={onCancel}>
      <Form form={form} layout="vertical" initialValues={{ method: 'id_document' }}>
        {step === 'verify' && (
          <>
            <Form.Item name="method" label={t('requests.method')}>
              <Select
                options={IDENTITY_METHODS.map((value) => ({
                  value,
                  label: t(`requests.methods.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('requests.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        {step === 'refuse' && (
          <Form.Item
            name="reason"
            label={t('requests.refusalReason')}
            extra={t('requests.refusalHint')}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {step === 'correct' && (
          <>
            <Form.Item name="field" label={t('requests.field')} rules={[{ required: true }]}>
              <Select
                options={(catalogue.data?.items ?? [])
                  .filter((e) => e.dataType === 'text')
                  .map((e) => ({
                    value: e.field,
                    label: i18n.language === 'en' ? e.labelEn : e.labelZh,
                  }))}
              />
            </Form.Item>
            <Form.Item name="value" label={t('requests.newValue')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </FormModal>
  )
}
