import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type FeedbackForm,
  type FieldKind,
  type FormGrade,
  type SaveForm,
  useFeedbackForms,
  useSaveForm,
} from '../../api/feedback.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { formatTime } from '../../i18n/format.js'

const KINDS = ['scale', 'choice', 'text', 'date'] as const satisfies readonly FieldKind[]
export const GRADES = ['important', 'general'] as const satisfies readonly FormGrade[]

/** A field as the builder edits it: options as lines of text, the key kept from the version before. */
type DraftField = {
  key?: string
  kind: FieldKind
  label: string
  required?: boolean
  options?: string
}
type Draft = { name: string; grade: FormGrade | 'all'; fields: DraftField[] }

/** 客户信息反馈表: forms per customer type, built from typed questions; a revision is a new version (CUS-7). */
export function FeedbackForms(_props: { me: Me }) {
  const { t } = useTranslation()
  const [all, setAll] = useState(false)
  const forms = useFeedbackForms(all)
  const [editing, setEditing] = useState<FeedbackForm | 'new' | null>(null)
  if (forms.isError) return <Alert type="error" showIcon title={forms.error.message} />
  return (
    <Card
      title={t('feedback.forms.title')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('feedback.forms.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('feedback.forms.hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Switch checked={all} onChange={setAll} />
        {t('feedback.forms.showAll')}
      </Space>
      <Table<FeedbackForm>
        rowKey="id"
        loading={forms.isPending}
        dataSource={forms.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('feedback.forms.none') }}
        columns={[
          { title: t('feedback.forms.name'), dataIndex: 'name' },
          {
            title: t('feedback.forms.grade'),
            render: (_, f) =>
              f.grade ? t(`feedback.grades.${f.grade}`) : t('feedback.forms.allGrades'),
          },
          {
            title: t('feedback.forms.version'),
            render: (_, f) => (
              <Space>
                {t('feedback.forms.versionN', { version: f.version })}
                {f.status === 'superseded' ? (
                  <Tag>{t('feedback.forms.superseded')}</Tag>
                ) : (
                  <Tag color="green">{t('feedback.forms.current')}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('feedback.forms.fields'),
            render: (_, f) => (
              <Space orientation="vertical" size={0}>
                {f.fields.map((field) => (
                  <span key={field.key}>
                    {field.label} <Tag>{t(`feedback.forms.kinds.${field.kind}`)}</Tag>
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('feedback.forms.createdAt'),
            render: (_, f) => formatTime(f.createdAt),
          },
          {
            title: '',
            render: (_, f) =>
              f.status === 'current' && (
                <Button size="small" onClick={() => setEditing(f)}>
                  {t('feedback.forms.revise')}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <FormBuilder form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  )
}

/** Keys are the form's own, never shown: kept for the questions of the version before, `qN` for new ones. */
function toBody(draft: Draft): SaveForm {
  const used = new Set(draft.fields.map((f) => f.key).filter(Boolean))
  let next = 1
  const freshKey = () => {
    while (used.has(`q${next}`)) next += 1
    used.add(`q${next}`)
    return `q${next}`
  }
  return {
    name: draft.name,
    grade: draft.grade === 'all' ? null : draft.grade,
    fields: draft.fields.map((f) => ({
      key: f.key ?? freshKey(),
      kind: f.kind,
      label: f.label,
      required: f.required ?? false,
      ...(f.kind === 'choice' && {
        options: (f.options ?? '')
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
      }),
    })),
  }
}

function FormBuilder({
  form: current,
  onClose,
}: {
  form: FeedbackForm | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Draft>()
  const save = useSaveForm()
  const initial: Draft = current
    ? {
        name: current.name,
        grade: current.grade ?? 'all',
        fields: current.fields.map((f) => ({ ...f, options: f.options?.join('\n') })),
      }
    : { name: '', grade: 'all', fields: [{ kind: 'scale', label: '', required: true }] }
  return (
    <FormModal
      title={current ? t('feedback.forms.revise') : t('feedback.forms.create')}
      form={form}
      width={720}
      onSubmit={(values) =>
        save.mutateAsync({ ...(current && { id: current.id }), body: toBody(values) })
      }
      onClose={onClose}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={t('feedback.forms.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="grade" label={t('feedback.forms.grade')}>
          <Select
            options={[
              { value: 'all', label: t('feedback.forms.allGrades') },
              ...GRADES.map((g) => ({ value: g, label: t(`feedback.grades.${g}`) })),
            ]}
          />
        </Form.Item>
        <Form.List name="fields">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${t('feedback.forms.fieldLabel')} ${index + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" type="link" danger onClick={() => remove(field.name)}>
                        ×
                      </Button>
                    )
                  }
                >
                  <Form.Item
                    name={[field.name, 'label']}
                    label={t('feedback.forms.fieldLabel')}
                    rules={[{ required: true }]}
                  >
                    <Input maxLength={200} data-testid={`field-label-${index}`} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name={[field.name, 'kind']} label={t('feedback.forms.kind')}>
                      <Select
                        style={{ width: 160 }}
                        data-testid={`field-kind-${index}`}
                        options={KINDS.map((k) => ({
                          value: k,
                          label: t(`feedback.forms.kinds.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'required']}
                      label={t('feedback.forms.required')}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                  </Space>
                  <Form.Item
                    noStyle
                    shouldUpdate={(a: Draft, b: Draft) =>
                      a.fields[index]?.kind !== b.fields[index]?.kind
                    }
                  >
                    {({ getFieldValue }) =>
                      getFieldValue(['fields', field.name, 'kind']) === 'choice' && (
                        <Form.Item
                          name={[field.name, 'options']}
                          label={t('feedback.forms.options')}
                          extra={t('feedback.forms.optionsHint')}
                          rules={[{ required: true }]}
                        >
                          <Input.TextArea rows={3} data-testid={`field-options-${index}`} />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ kind: 'text', label: '', required: false })}>
                {t('feedback.forms.addField')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </FormModal>
  )
}
