import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Exclusion,
  type FormGrade,
  type Survey,
  type SurveyChannel,
  useCreateSurvey,
  useFeedbackForms,
  useSurvey,
  useSurveys,
} from '../../api/feedback.js'
import type { Me } from '../../api/types.js'
import { CustomerPicker } from '../../components/CustomerPicker.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { formatTime } from '../../i18n/format.js'
import { GRADES } from './FeedbackForms.js'

const CHANNELS = ['sms', 'email', 'phone'] as const satisfies readonly SurveyChannel[]
const EXCLUSIONS = [
  'no_consent',
  'consent_withdrawn',
  'not_active',
  'other_grade',
  'not_found',
] as const satisfies readonly Exclusion[]

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

/** 满意度调查: surveys with their response rates; a survey's figures and invitees (CUS-7, CON-3). */
export function Surveys({ me }: { me: Me }) {
  const { t } = useTranslation()
  const surveys = useSurveys()
  const [creating, setCreating] = useState(false)
  const [selected, setSelected] = useState<string | null>(null)
  if (surveys.isError) return <Alert type="error" showIcon title={surveys.error.message} />
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('feedback.surveys.title')}
        extra={
          <PermittedButton
            me={me}
            permission="interactions.manage"
            type="primary"
            onClick={() => setCreating(true)}
          >
            {t('feedback.surveys.create')}
          </PermittedButton>
        }
      >
        <Typography.Paragraph type="secondary">{t('feedback.surveys.hint')}</Typography.Paragraph>
        <Table<Survey>
          rowKey="id"
          loading={surveys.isPending}
          dataSource={surveys.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('feedback.surveys.none') }}
          onRow={(s) => ({ onClick: () => setSelected(s.id), style: { cursor: 'pointer' } })}
          rowClassName={(s) => (s.id === selected ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('feedback.surveys.name'), dataIndex: 'name' },
            {
              title: t('feedback.surveys.form'),
              render: (_, s) =>
                `${s.form.name} · ${t('feedback.forms.versionN', { version: s.form.version })}`,
            },
            {
              title: t('feedback.surveys.channel'),
              render: (_, s) => t(`feedback.surveys.channels.${s.channel}`),
            },
            { title: t('feedback.surveys.invited'), dataIndex: 'invited' },
            { title: t('feedback.surveys.responded'), dataIndex: 'responded' },
            {
              title: t('feedback.surveys.rate'),
              render: (_, s) => <span data-testid="survey-rate">{percent(s.responseRate)}</span>,
            },
            { title: t('feedback.surveys.createdAt'), render: (_, s) => formatTime(s.createdAt) },
          ]}
        />
      </Card>
      {selected && <SurveyDetail id={selected} />}
      {creating && (
        <CreateSurvey onClose={() => setCreating(false)} onCreated={(id) => setSelected(id)} />
      )}
    </Space>
  )
}

function SurveyDetail({ id }: { id: string }) {
  const { t } = useTranslation()
  const survey = useSurvey(id)
  if (survey.isError) return <Alert type="error" showIcon title={survey.error.message} />
  const s = survey.data
  if (!s) return <Card loading />
  return (
    <Card title={`${t('feedback.surveys.detail')} · ${s.name}`}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Space size={32} wrap>
          <Progress
            type="circle"
            percent={Math.round((s.responseRate ?? 0) * 1000) / 10}
            format={() => percent(s.responseRate)}
          />
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('feedback.surveys.invited')}>{s.invited}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.surveys.responded')}>
              {s.responded}
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.surveys.rate')}>
              {percent(s.responseRate)}
            </Descriptions.Item>
          </Descriptions>
          <Descriptions title={t('feedback.surveys.excluded')} bordered size="small" column={1}>
            {EXCLUSIONS.map((reason) => (
              <Descriptions.Item key={reason} label={t(`feedback.surveys.exclusions.${reason}`)}>
                {s.excluded[reason]}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Space>
        <Descriptions title={t('feedback.surveys.scores')} bordered size="small" column={1}>
          {s.scores.map((score) => (
            <Descriptions.Item key={score.key} label={score.label}>
              {score.average === null ? t('feedback.surveys.noScore') : score.average.toFixed(2)}{' '}
              <Typography.Text type="secondary">
                {t('feedback.surveys.answers', { count: score.answers })}
              </Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Table
          rowKey="customerId"
          size="small"
          title={() => t('feedback.surveys.invitees')}
          dataSource={s.invitees}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('feedback.surveys.customer'), dataIndex: 'maskedName' },
            {
              title: t('feedback.surveys.responded'),
              render: (_, i) =>
                i.responded ? (
                  <Tag color="green">{t('feedback.surveys.answered')}</Tag>
                ) : (
                  <Tag>{t('feedback.surveys.waiting')}</Tag>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  )
}

type SurveyDraft = {
  name: string
  formId: string
  channel: SurveyChannel
  /** By a customer type, or a list of customers chosen one by one. */
  mode: 'grade' | 'list'
  grade: FormGrade | 'all'
  customers?: (string | undefined)[]
}

function CreateSurvey({
  onClose,
  onCreated,
}: {
  onClose: () => void
  onCreated: (id: string) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<SurveyDraft>()
  const forms = useFeedbackForms()
  const create = useCreateSurvey()
  const mode = Form.useWatch('mode', form)
  return (
    <FormModal
      title={t('feedback.surveys.create')}
      form={form}
      onSubmit={async (values) => {
        const created = await create.mutateAsync({
          name: values.name,
          formId: values.formId,
          channel: values.channel,
          selection:
            values.mode === 'list'
              ? {
                  customerIds: [
                    ...new Set((values.customers ?? []).filter((c): c is string => Boolean(c))),
                  ],
                }
              : { grade: values.grade === 'all' ? null : values.grade },
        })
        onCreated(created.id)
      }}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'sms', mode: 'grade', grade: 'all', customers: [undefined] }}
      >
        <Form.Item name="name" label={t('feedback.surveys.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="formId" label={t('feedback.surveys.form')} rules={[{ required: true }]}>
          <Select
            data-testid="survey-form"
            loading={forms.isPending}
            options={(forms.data?.items ?? []).map((f) => ({
              value: f.id,
              label: `${f.name} · ${t('feedback.forms.versionN', { version: f.version })}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('feedback.surveys.channel')}>
          <Select
            options={CHANNELS.map((c) => ({
              value: c,
              label: t(`feedback.surveys.channels.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('feedback.surveys.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'grade', label: t('feedback.surveys.byGrade') },
              { value: 'list', label: t('feedback.surveys.byList') },
            ]}
          />
        </Form.Item>
        {mode === 'list' ? (
          <Form.List name="customers">
            {(fields, { add }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Form.Item key={field.key} name={field.name} noStyle>
                    <CustomerPicker placeholder={t('feedback.surveys.pickCustomer')} />
                  </Form.Item>
                ))}
                <Button onClick={() => add(undefined)}>{t('feedback.surveys.addCustomer')}</Button>
              </Space>
            )}
          </Form.List>
        ) : (
          <Form.Item name="grade">
            <Select
              options={[
                { value: 'all', label: t('feedback.forms.allGrades') },
                ...GRADES.map((g) => ({ value: g, label: t(`feedback.grades.${g}`) })),
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  )
}
