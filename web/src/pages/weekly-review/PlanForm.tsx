import { Alert, Button, Card, Form, Input, message, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FollowUpPurpose } from '../../api/follow-ups.js'
import { showServerErrors } from '../../api/form-errors.js'
import {
  type PlanItem,
  type ReviewWeek,
  useAddPlanItems,
  useRecordReview,
} from '../../api/weekly-review.js'
import { addDays } from './iso-week.js'

const PURPOSES: FollowUpPurpose[] = [
  'tracking',
  'return_visit',
  'deal_progress',
  'after_sale',
  'other',
]

type PlanForm = {
  items: { customerId?: string; dueOn?: string; purpose?: FollowUpPurpose; note?: string }[]
}

/** Every customer the week names, once, for the plan's customer choice. */
function customersOf(week: ReviewWeek) {
  const seen = new Map<string, string>()
  for (const list of [
    week.newCustomers,
    week.changedCustomers,
    week.staleRecords,
    week.dueForReconfirmation,
    week.missedFollowUps,
  ]) {
    for (const entry of list) seen.set(entry.customerId, entry.maskedName)
  }
  return [...seen].map(([value, label]) => ({ value, label }))
}

/**
 * 下周工作计划: the items that become follow-ups when the review is
 * recorded (or, once it is, are added to it). Each is a customer the week
 * names, a day of next week, a purpose and a note stored encrypted; the
 * customer's own salesperson follows it up.
 */
export function PlanForm({ week }: { week: ReviewWeek }) {
  const { t, i18n } = useTranslation()
  const [form] = Form.useForm<PlanForm>()
  const [error, setError] = useState<string>()
  const record = useRecordReview()
  const add = useAddPlanItems()
  const recorded = week.review !== null
  const nextWeek = Array.from({ length: 7 }, (_, n) => addDays(week.monday, 7 + n))
  const dayLabel = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString(i18n.language, {
      timeZone: 'UTC',
      weekday: 'short',
      month: 'numeric',
      day: 'numeric',
    })
  const submit = async () => {
    const values = await form.validateFields()
    setError(undefined)
    const items = (values.items ?? []).map(
      (item) =>
        ({
          customerId: item.customerId as string,
          dueOn: item.dueOn as string,
          purpose: item.purpose as FollowUpPurpose,
          ...(item.note?.trim() && { note: item.note.trim() }),
        }) satisfies PlanItem,
    )
    try {
      if (week.review) {
        await add.mutateAsync({ id: week.review.id, items })
        void message.success(t('weeklyReview.plan.added'))
      } else {
        await record.mutateAsync({
          week: week.week,
          grade: week.grade,
          ...(week.departmentId && { departmentId: week.departmentId }),
          items,
        })
        void message.success(t('weeklyReview.plan.recorded'))
      }
      form.resetFields()
    } catch (caught) {
      setError(showServerErrors(form, caught))
    }
  }
  return (
    <Card size="small" title={t('weeklyReview.plan.title')} data-testid="review-plan">
      <Typography.Paragraph type="secondary">{t('weeklyReview.plan.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ items: [] }}>
        <Form.List name="items">
          {(fields, { add: addRow, remove }) => (
            <>
              {fields.length === 0 && !recorded && (
                <Typography.Paragraph type="secondary">
                  {t('weeklyReview.plan.empty')}
                </Typography.Paragraph>
              )}
              {fields.map((field, index) => (
                <Space key={field.key} align="start" wrap data-testid={`plan-item-${index}`}>
                  <Form.Item
                    name={[field.name, 'customerId']}
                    label={t('weeklyReview.plan.customer')}
                    rules={[{ required: true }]}
                  >
                    <Select
                      style={{ width: 200 }}
                      placeholder={t('weeklyReview.plan.pickCustomer')}
                      options={customersOf(week)}
                      data-testid={`plan-customer-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'dueOn']}
                    label={t('weeklyReview.plan.dueOn')}
                    rules={[{ required: true }]}
                  >
                    <Select
                      style={{ width: 160 }}
                      options={nextWeek.map((day) => ({ value: day, label: dayLabel(day) }))}
                      data-testid={`plan-day-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'purpose']}
                    label={t('weeklyReview.plan.purpose')}
                    rules={[{ required: true }]}
                  >
                    <Select
                      style={{ width: 140 }}
                      options={PURPOSES.map((p) => ({
                        value: p,
                        label: t(`followUps.purposes.${p}`),
                      }))}
                      data-testid={`plan-purpose-${index}`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} label={t('weeklyReview.plan.note')}>
                    <Input style={{ width: 240 }} maxLength={500} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button onClick={() => remove(field.name)}>
                      {t('weeklyReview.plan.remove')}
                    </Button>
                  </Form.Item>
                </Space>
              ))}
              <Space>
                <Button
                  onClick={() => addRow({ purpose: 'tracking', dueOn: nextWeek[0] })}
                  data-testid="plan-add"
                >
                  {t('weeklyReview.plan.add')}
                </Button>
                <Button
                  type="primary"
                  loading={record.isPending || add.isPending}
                  disabled={recorded && fields.length === 0}
                  onClick={() => void submit()}
                  data-testid="review-record"
                >
                  {recorded ? t('weeklyReview.plan.addItems') : t('weeklyReview.plan.record')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  )
}
