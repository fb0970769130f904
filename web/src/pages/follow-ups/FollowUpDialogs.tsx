import { Alert, Button, DatePicker, Form, Input, Modal, message, Select, Switch } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type FollowUp,
  type FollowUpPurpose,
  type FollowUpResult,
  useCompleteFollowUp,
  useCreateFollowUp,
} from '../../api/follow-ups.js'
import { showServerErrors } from '../../api/form-errors.js'
import type { Me } from '../../api/types.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { companyInstant, formatTime } from '../../i18n/format.js'
import { TrackingAtFollowUp, useTrackingAtFollowUp } from '../tracking/TrackingAtFollowUp.js'

const PURPOSES: FollowUpPurpose[] = [
  'tracking',
  'return_visit',
  'deal_progress',
  'after_sale',
  'other',
]
const RESULTS: FollowUpResult[] = [
  'reached',
  'no_answer',
  'interested',
  'not_interested',
  'closed',
  'other',
]

/** The figures the company's clocks show at an instant. */
function companyFigures(timeZone: string, at: number) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
  }).formatToParts(new Date(at))
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour') }
}

/**
 * The default due time: the next full hour on the company's clocks, or the
 * end of the company's day when that hour is tomorrow — as a date picker
 * holds it (the figures, in the browser's zone), which companyInstant reads
 * back as the company's wherever the browser is.
 */
function laterToday(timeZone: string): Dayjs {
  const now = companyFigures(timeZone, Date.now())
  const next = companyFigures(timeZone, Date.now() + 60 * 60 * 1000)
  if (next.day !== now.day) return dayjs(new Date(now.year, now.month - 1, now.day, 23, 59))
  return dayjs(new Date(next.year, next.month - 1, next.day, next.hour))
}

type ScheduleForm = { dueAt: Dayjs; purpose: FollowUpPurpose; recurring?: boolean }

/** "安排跟进" on a customer's page: a due time, a purpose, whether it repeats by tracking level. */
export function ScheduleFollowUp({
  me,
  customerId,
  trackingLevel,
}: {
  me: Me
  customerId: string
  trackingLevel: string | null | undefined
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string>()
  const [form] = Form.useForm<ScheduleForm>()
  const create = useCreateFollowUp()
  const submit = async () => {
    const values = await form.validateFields()
    setError(undefined)
    try {
      await create.mutateAsync({
        customerId,
        dueAt: companyInstant(values.dueAt),
        purpose: values.purpose,
        recurring: values.recurring ?? false,
      })
      void message.success(t('followUps.scheduled'))
      setOpen(false)
      form.resetFields()
    } catch (caught) {
      setError(showServerErrors(form, caught))
    }
  }
  return (
    <>
      <PermittedButton
        me={me}
        permission="interactions.manage"
        data-testid="schedule-follow-up"
        onClick={() => setOpen(true)}
      >
        {t('followUps.schedule')}
      </PermittedButton>
      <Modal
        open={open}
        title={t('followUps.scheduleTitle')}
        okText={t('followUps.schedule')}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            dueAt: laterToday(me.timeZone),
            purpose: 'tracking',
            recurring: trackingLevel === 'A' || trackingLevel === 'B',
          }}
        >
          <Form.Item name="dueAt" label={t('followUps.dueAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="purpose" label={t('followUps.purpose')} rules={[{ required: true }]}>
            <Select
              data-testid="follow-up-purpose"
              options={PURPOSES.map((p) => ({ value: p, label: t(`followUps.purposes.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="recurring" label={t('followUps.recurring')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

type CompleteForm = {
  result: FollowUpResult
  note?: string
  /** The tracking form's changes of an A or B customer, saved once the follow-up is done. */
  tracking?: Record<string, string | number | undefined>
}

/** "完成跟进": the result, and a note stored encrypted. */
export function CompleteFollowUp({ followUp }: { followUp: FollowUp }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string>()
  const [form] = Form.useForm<CompleteForm>()
  const complete = useCompleteFollowUp()
  const saveTracking = useTrackingAtFollowUp(followUp.customerId)
  const submit = async () => {
    const values = await form.validateFields()
    setError(undefined)
    try {
      const done = await complete.mutateAsync({
        id: followUp.id,
        body: { result: values.result, ...(values.note?.trim() && { note: values.note.trim() }) },
      })
      await saveTracking(values.tracking)
      void message.success(
        done.next
          ? `${t('followUps.done')} · ${t('followUps.next', { at: formatTime(done.next.dueAt) })}`
          : t('followUps.done'),
      )
      setOpen(false)
    } catch (caught) {
      setError(showServerErrors(form, caught))
    }
  }
  return (
    <>
      <Button
        size="small"
        type="primary"
        data-testid={`complete-${followUp.id}`}
        onClick={() => setOpen(true)}
      >
        {t('followUps.complete')}
      </Button>
      <Modal
        open={open}
        title={`${t('followUps.completeTitle')} · ${followUp.maskedName}`}
        okText={t('followUps.complete')}
        onOk={() => void submit()}
        confirmLoading={complete.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" initialValues={{ result: 'reached' }}>
          <Form.Item name="result" label={t('followUps.result')} rules={[{ required: true }]}>
            <Select
              data-testid="follow-up-result"
              options={RESULTS.map((r) => ({ value: r, label: t(`followUps.results.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('followUps.note')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <TrackingAtFollowUp customerId={followUp.customerId} />
        </Form>
      </Modal>
    </>
  )
}
