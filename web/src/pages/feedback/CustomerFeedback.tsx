import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type FeedbackForm,
  type FeedbackResponse,
  type RevealedResponse,
  useCustomerFeedback,
  useRecordResponse,
  useRevealResponse,
} from '../../api/feedback.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { PurposeReveal } from '../../components/PurposeReveal.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { CreateImprovement } from './Improvements.js'

/** The customer page's tab of feedback (客户反馈), mounted by the customer page in one line. */
export function feedbackTab(customerId: string, me: Me, active: boolean) {
  return {
    key: 'feedback',
    label: <FeedbackTabLabel />,
    children: <CustomerFeedback customerId={customerId} me={me} active={active} />,
  }
}

function FeedbackTabLabel() {
  const { t } = useTranslation()
  return <>{t('feedback.tab')}</>
}

/** A customer's feedback responses (CUS-7): scores shown, every other answer masked until revealed. */
export function CustomerFeedback({
  customerId,
  me,
  active,
}: {
  customerId: string
  me: Me
  active: boolean
}) {
  const { t } = useTranslation()
  const feedback = useCustomerFeedback(customerId)
  const [recording, setRecording] = useState(false)
  const [revealing, setRevealing] = useState<FeedbackResponse | null>(null)
  const [improving, setImproving] = useState<string | null>(null)
  if (feedback.isError) return <Alert type="error" showIcon title={feedback.error.message} />
  const data = feedback.data
  const labelOf = (r: FeedbackResponse, key: string) =>
    data?.forms.find((f) => f.id === r.form.id)?.fields.find((f) => f.key === key)?.label
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('feedback.responses.title')}
        </Typography.Title>
        <PermittedButton
          me={me}
          permission="interactions.manage"
          type="primary"
          disabled={!active}
          title={active ? undefined : t('feedback.responses.notActive')}
          onClick={() => setRecording(true)}
        >
          {t('feedback.responses.record')}
        </PermittedButton>
      </Space>
      {data && data.openSurveys.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('feedback.responses.openSurveys', {
            names: data.openSurveys.map((s) => s.name).join('、'),
          })}
        />
      )}
      {data && data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feedback.responses.none')} />
      ) : (
        <Table<FeedbackResponse>
          rowKey="id"
          size="small"
          loading={feedback.isPending}
          dataSource={data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('feedback.responses.recordedAt'),
              render: (_, r) => formatTime(r.recordedAt),
            },
            {
              title: t('feedback.responses.form'),
              render: (_, r) =>
                `${r.form.name} · ${t('feedback.forms.versionN', { version: r.form.version })}`,
            },
            {
              title: t('feedback.forms.fields'),
              render: (_, r) => (
                <Space orientation="vertical" size={0} data-testid="feedback-response">
                  {Object.entries(r.scores).map(([key, score]) => (
                    <span key={key}>
                      {labelOf(r, key) ?? t('feedback.forms.fieldLabel')}：{score}
                    </span>
                  ))}
                  {Object.entries(r.answers).map(([key, answer]) => (
                    <span key={key}>
                      {labelOf(r, key) ?? t('feedback.forms.fieldLabel')}：{answer}{' '}
                      {r.masked && <Tag>{t('feedback.responses.masked')}</Tag>}
                    </span>
                  ))}
                </Space>
              ),
            },
            { title: t('feedback.responses.recordedBy'), render: (_, r) => r.recordedBy.name },
            {
              title: '',
              render: (_, r) => (
                <Space>
                  {Object.keys(r.answers).length > 0 && has(me, 'customers.reveal') && (
                    <Button size="small" onClick={() => setRevealing(r)}>
                      {t('feedback.responses.reveal')}
                    </Button>
                  )}
                  {has(me, 'interactions.manage') && (
                    <Button size="small" onClick={() => setImproving(r.id)}>
                      {t('feedback.responses.toImprovement')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {recording && data && (
        <RecordResponse
          customerId={customerId}
          forms={data.forms}
          surveys={data.openSurveys}
          onClose={() => setRecording(false)}
        />
      )}
      {improving && <CreateImprovement responseId={improving} onClose={() => setImproving(null)} />}
      {revealing && (
        <RevealAnswers
          response={revealing}
          labelOf={(key) => labelOf(revealing, key)}
          onClose={() => setRevealing(null)}
        />
      )}
    </Space>
  )
}

type Answers = Record<string, string | number | Dayjs | undefined>

function RecordResponse({
  customerId,
  forms,
  surveys,
  onClose,
}: {
  customerId: string
  forms: FeedbackForm[]
  surveys: { id: string; name: string; formId: string }[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ formId: string; surveyId?: string; answers: Answers }>()
  const record = useRecordResponse(customerId)
  const formId = Form.useWatch('formId', form)
  const surveyId = Form.useWatch('surveyId', form)
  const chosen = forms.find((f) => f.id === formId)
  // A survey fixes the form its invitees answer.
  useEffect(() => {
    const survey = surveys.find((s) => s.id === surveyId)
    if (survey) form.setFieldValue('formId', survey.formId)
  }, [surveyId, surveys, form])
  if (forms.length === 0) {
    return (
      <Modal open title={t('feedback.responses.recordTitle')} onCancel={onClose} footer={null}>
        <Empty description={t('feedback.responses.noForms')} />
      </Modal>
    )
  }
  return (
    <FormModal
      title={t('feedback.responses.recordTitle')}
      form={form}
      width={640}
      onSubmit={(values) => {
        const answers = Object.fromEntries(
          Object.entries(values.answers ?? {})
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([k, v]) => [k, typeof v === 'object' ? v.format('YYYY-MM-DD') : v]),
        ) as Record<string, string | number>
        return record.mutateAsync({
          formId: values.formId,
          ...(values.surveyId && { surveyId: values.surveyId }),
          answers,
        })
      }}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ formId: surveys[0]?.formId ?? forms[0]?.id, surveyId: surveys[0]?.id }}
      >
        {surveys.length > 0 && (
          <Form.Item name="surveyId" label={t('feedback.responses.survey')}>
            <Select
              allowClear
              placeholder={t('feedback.responses.noSurvey')}
              options={surveys.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="formId"
          label={t('feedback.responses.form')}
          rules={[{ required: true, message: t('feedback.responses.pickForm') }]}
        >
          <Select
            disabled={Boolean(surveyId)}
            options={forms.map((f) => ({
              value: f.id,
              label: `${f.name} · ${t('feedback.forms.versionN', { version: f.version })}`,
            }))}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {t('feedback.responses.textHint')}
        </Typography.Paragraph>
        {chosen?.fields.map((field) => (
          <Form.Item
            key={`${chosen.id}-${field.key}`}
            name={['answers', field.key]}
            label={field.label}
            rules={field.required ? [{ required: true }] : []}
          >
            {field.kind === 'scale' ? (
              <Radio.Group
                data-testid={`answer-${field.key}`}
                options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))}
                optionType="button"
              />
            ) : field.kind === 'choice' ? (
              <Select options={(field.options ?? []).map((o) => ({ value: o, label: o }))} />
            ) : field.kind === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : (
              <Input.TextArea rows={2} maxLength={2000} data-testid={`answer-${field.key}`} />
            )}
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  )
}

/** The plain answers for a purpose, masked again after a while (as a customer reveal). */
function RevealAnswers({
  response,
  labelOf,
  onClose,
}: {
  response: FeedbackResponse
  labelOf: (key: string) => string | undefined
  onClose: () => void
}) {
  const { t } = useTranslation()
  const reveal = useRevealResponse()
  return (
    <PurposeReveal
      title={t('feedback.responses.revealTitle')}
      notice={t('feedback.responses.revealNotice')}
      reveal={(purpose) => reveal.mutateAsync({ id: response.id, purpose })}
      onClose={onClose}
    >
      {(revealed: RevealedResponse) => (
        <Descriptions bordered column={1} size="small">
          {Object.entries(revealed.answers).map(([key, answer]) => (
            <Descriptions.Item key={key} label={labelOf(key) ?? t('feedback.forms.fieldLabel')}>
              {answer}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </PurposeReveal>
  )
}
