import {
  Alert,
  App,
  Button,
  Card,
  Form,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDepartments } from '../../api/departments.js'
import {
  type AttributionSettings,
  type ReviewRule,
  useAttributionSettings,
  useReviewRules,
  useSaveAttributionSettings,
  useSetReviewRule,
} from '../../api/entry.js'
import type { CustomerSource } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'

const SOURCES = [
  'web_form',
  'customer_service',
  'phone',
  'survey',
  'visit',
  'referral',
  'third_party',
] satisfies CustomerSource[]

/** A select's value for "any" (null on the wire): a select cannot hold null itself. */
const ANY = '*'

/**
 * 建档与审核规则 (CUS-4, CUS-5): whether new records need review, by
 * department and source (switching it off waits for a second person), and
 * how long a registration holds, what renews it, how long a rejected draft
 * is kept.
 */
export function EntryRules() {
  const { t } = useTranslation()
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <ReviewRules />
      <Card title={t('entryRules.attributionTitle')}>
        <AttributionForm />
      </Card>
      <Typography.Text type="secondary">{t('entryRules.pointers')}</Typography.Text>
    </Space>
  )
}

function ReviewRules() {
  const { t } = useTranslation()
  const rules = useReviewRules()
  const departments = useDepartments()
  const [adding, setAdding] = useState(false)
  const departmentName = (id: string | null) =>
    id === null
      ? t('entryRules.anyDepartment')
      : (departments.data?.items.find((d) => d.id === id)?.name ?? '')
  return (
    <Card
      title={t('entryRules.reviewTitle')}
      extra={
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('entryRules.setRule')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('entryRules.reviewHint')}</Typography.Paragraph>
      {rules.isError && <Alert type="error" showIcon title={rules.error.message} />}
      <Table<ReviewRule>
        rowKey={(rule) => `${rule.departmentId ?? ANY}:${rule.source ?? ANY}`}
        size="small"
        loading={rules.isPending}
        dataSource={rules.data?.rules ?? []}
        pagination={false}
        columns={[
          {
            title: t('entryRules.department'),
            render: (_, rule) => departmentName(rule.departmentId),
          },
          {
            title: t('entryRules.source'),
            render: (_, rule) =>
              rule.source ? t(`values.source.${rule.source}`) : t('entryRules.anySource'),
          },
          {
            title: t('entryRules.review'),
            render: (_, rule) =>
              rule.required ? (
                <Tag color="blue">{t('entryRules.required')}</Tag>
              ) : (
                <Tag>{t('entryRules.notRequired')}</Tag>
              ),
          },
        ]}
      />
      {adding && <RuleForm onClose={() => setAdding(false)} />}
    </Card>
  )
}

type RuleValues = { departmentId: string; source: string; required: boolean }

function RuleForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const departments = useDepartments()
  const setRule = useSetReviewRule()
  const [form] = Form.useForm<RuleValues>()
  const submit = async (values: RuleValues) => {
    const answer = await setRule.mutateAsync({
      departmentId: values.departmentId === ANY ? null : values.departmentId,
      source: values.source === ANY ? null : (values.source as CustomerSource),
      required: values.required,
    })
    void message.success(
      answer.status === 'applied' ? t('entryRules.applied') : t('entryRules.pendingApproval'),
    )
  }
  return (
    <FormModal<RuleValues>
      title={t('entryRules.setRule')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okText={t('entryRules.save')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ departmentId: ANY, source: ANY, required: true }}
      >
        <Form.Item name="departmentId" label={t('entryRules.department')}>
          <Select
            options={[
              { value: ANY, label: t('entryRules.anyDepartment') },
              ...(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="source" label={t('entryRules.source')}>
          <Select
            options={[
              { value: ANY, label: t('entryRules.anySource') },
              ...SOURCES.map((source) => ({ value: source, label: t(`values.source.${source}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="required"
          label={t('entryRules.review')}
          valuePropName="checked"
          extra={t('entryRules.offHint')}
        >
          <Switch
            checkedChildren={t('entryRules.required')}
            unCheckedChildren={t('entryRules.notRequired')}
          />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

function AttributionForm() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useAttributionSettings()
  const save = useSaveAttributionSettings()
  const [form] = Form.useForm<AttributionSettings>()
  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />
  if (!settings.data) return null
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={settings.data}
      style={{ maxWidth: 560 }}
      onFinish={(values) =>
        save.mutate(values, {
          onSuccess: () => void message.success(t('entryRules.saved')),
          onError: (caught) => void message.error(caught.message),
        })
      }
    >
      <Form.Item
        name="registrationValidityDays"
        label={t('entryRules.validityDays')}
        extra={t('entryRules.validityHint')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={3650} suffix={t('entryRules.days')} />
      </Form.Item>
      <Form.Item
        name="renewOnFollowUp"
        label={t('entryRules.renewOnFollowUp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item name="renewOnDeal" label={t('entryRules.renewOnDeal')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="rejectedDraftDays"
        label={t('entryRules.rejectedDraftDays')}
        extra={t('entryRules.rejectedDraftHint')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={3650} suffix={t('entryRules.days')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('entryRules.save')}
      </Button>
    </Form>
  )
}
