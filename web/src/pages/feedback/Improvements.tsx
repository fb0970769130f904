import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useColleagues } from '../../api/entry.js'
import {
  type Improvement,
  type ImprovementKind,
  type ImprovementStatus,
  useChangeImprovement,
  useCreateImprovement,
  useImprovements,
} from '../../api/feedback.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { has } from '../../permissions.js'

const STATUSES = [
  'open',
  'in_progress',
  'done',
  'dropped',
] as const satisfies readonly ImprovementStatus[]
const KINDS = ['suggestion', 'complaint'] as const satisfies readonly ImprovementKind[]

/** 改善方案: suggestions and complaints about the service environment, with an owner and a due day (CUS-7). */
export function Improvements({ me }: { me: Me }) {
  const { t } = useTranslation()
  const [overdue, setOverdue] = useState(false)
  const items = useImprovements(overdue)
  const change = useChangeImprovement()
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Improvement | null>(null)
  const mayChange = has(me, 'interactions.manage')
  if (items.isError) return <Alert type="error" showIcon title={items.error.message} />
  return (
    <Card
      title={t('feedback.improvements.title')}
      extra={
        <PermittedButton
          me={me}
          permission="interactions.manage"
          type="primary"
          onClick={() => setCreating(true)}
        >
          {t('feedback.improvements.create')}
        </PermittedButton>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('feedback.improvements.hint')}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Switch checked={overdue} onChange={setOverdue} />
        {t('feedback.improvements.onlyOverdue')}
      </Space>
      <Table<Improvement>
        rowKey="id"
        loading={items.isPending}
        dataSource={items.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('feedback.improvements.none') }}
        columns={[
          {
            title: t('feedback.improvements.kind'),
            render: (_, i) => <Tag>{t(`feedback.improvements.kinds.${i.kind}`)}</Tag>,
          },
          {
            title: t('feedback.improvements.itemTitle'),
            render: (_, i) => (
              <Space orientation="vertical" size={0}>
                {i.title}
                {i.responseId && <Tag color="blue">{t('feedback.improvements.fromResponse')}</Tag>}
              </Space>
            ),
          },
          { title: t('feedback.improvements.plan'), render: (_, i) => i.plan ?? '—' },
          { title: t('feedback.improvements.owner'), render: (_, i) => i.owner.name },
          {
            title: t('feedback.improvements.dueOn'),
            render: (_, i) => (
              <Space>
                {i.dueOn}
                {i.overdue && <Tag color="red">{t('feedback.improvements.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('feedback.improvements.status'),
            render: (_, i) => (
              <Select<ImprovementStatus>
                value={i.status}
                disabled={!mayChange}
                style={{ width: 120 }}
                onChange={(status) => change.mutate({ id: i.id, body: { status } })}
                options={STATUSES.map((s) => ({
                  value: s,
                  label: t(`feedback.improvements.statuses.${s}`),
                }))}
              />
            ),
          },
          {
            title: '',
            render: (_, i) =>
              mayChange && (
                <Button size="small" onClick={() => setEditing(i)}>
                  {t('feedback.improvements.edit')}
                </Button>
              ),
          },
        ]}
      />
      {creating && <CreateImprovement onClose={() => setCreating(false)} />}
      {editing && <EditImprovement item={editing} onClose={() => setEditing(null)} />}
    </Card>
  )
}

type Draft = { kind: ImprovementKind; title: string; plan?: string; ownerId: string; dueOn: Dayjs }

/** A new item; from a customer's response when `responseId` is given (the customer's words stay there, sealed). */
export function CreateImprovement({
  onClose,
  responseId,
}: {
  onClose: () => void
  responseId?: string
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Draft>()
  const create = useCreateImprovement()
  return (
    <FormModal
      title={t('feedback.improvements.create')}
      form={form}
      onSubmit={(values) =>
        create.mutateAsync({
          kind: values.kind,
          title: values.title,
          ...(values.plan && { plan: values.plan }),
          ownerId: values.ownerId,
          dueOn: values.dueOn.format('YYYY-MM-DD'),
          ...(responseId && { responseId }),
        })
      }
      onClose={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'suggestion' }}>
        <Typography.Paragraph type="secondary">
          {t('feedback.improvements.hint')}
        </Typography.Paragraph>
        <Form.Item name="kind" label={t('feedback.improvements.kind')}>
          <Select
            options={KINDS.map((k) => ({ value: k, label: t(`feedback.improvements.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('feedback.improvements.itemTitle')}
          rules={[{ required: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <PlanOwnerDue />
      </Form>
    </FormModal>
  )
}

/** The plan, owner and due day: the fields an item is opened with and changed by. */
function PlanOwnerDue() {
  const { t } = useTranslation()
  const colleagues = useColleagues()
  return (
    <>
      <Form.Item name="plan" label={t('feedback.improvements.plan')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="ownerId"
        label={t('feedback.improvements.owner')}
        rules={[{ required: true }]}
      >
        <Select
          loading={colleagues.isPending}
          options={(colleagues.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="dueOn" label={t('feedback.improvements.dueOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </>
  )
}

type Edit = { plan?: string; ownerId: string; dueOn: Dayjs }

function EditImprovement({ item, onClose }: { item: Improvement; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Edit>()
  const change = useChangeImprovement()
  return (
    <FormModal
      title={t('feedback.improvements.editTitle')}
      form={form}
      onSubmit={(values) =>
        change.mutateAsync({
          id: item.id,
          body: {
            plan: values.plan ? values.plan : null,
            ownerId: values.ownerId,
            dueOn: values.dueOn.format('YYYY-MM-DD'),
          },
        })
      }
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          plan: item.plan ?? undefined,
          ownerId: item.owner.id,
          dueOn: dayjs(item.dueOn),
        }}
      >
        <Typography.Paragraph>{item.title}</Typography.Paragraph>
        <PlanOwnerDue />
      </Form>
    </FormModal>
  )
}
