import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type DailyReport,
  type DailyReportCounts,
  useDailyReports,
  useDailyReportToday,
  useReviewDailyReport,
  useSubmitDailyReport,
} from '../../api/tracking.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'

const COUNTS = [
  'newCustomers',
  'interactions',
  'followUpsDone',
  'dealsSigned',
] as const satisfies readonly (keyof DailyReportCounts)[]

type View = 'mine' | 'department'

/**
 * 日报（晚会）: the salesperson submits the day's report — counts from the
 * day's records, problems and suggestions in their words — and a manager
 * reviews the department's, which locks them (issue 17 §3, 篇五 (三)(四)).
 */
export function DailyReports({ me }: { me: Me }) {
  const { t } = useTranslation()
  const supervises = has(me, 'tracking.supervise') && me.department !== null
  const [view, setView] = useState<View>('mine')
  return (
    <Card title={t('dailyReports.title')}>
      <Typography.Paragraph type="secondary">{t('dailyReports.hint')}</Typography.Paragraph>
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as View)}
        items={(supervises ? (['mine', 'department'] as const) : (['mine'] as const)).map(
          (key) => ({ key, label: t(`dailyReports.tabs.${key}`) }),
        )}
      />
      {view === 'mine' ? <Today /> : null}
      <ReportTable of={view} mayReview={view === 'department'} me={me} />
    </Card>
  )
}

function Counts({ counts }: { counts: DailyReportCounts }) {
  const { t } = useTranslation()
  return (
    <Space size={32} wrap>
      {COUNTS.map((key) => (
        <Statistic key={key} title={t(`dailyReports.counts.${key}`)} value={counts[key]} />
      ))}
    </Space>
  )
}

/** Today's counts so far and the report: submit, amend before review, locked after. */
function Today() {
  const { t } = useTranslation()
  const today = useDailyReportToday()
  const submit = useSubmitDailyReport()
  const [form] = Form.useForm<{ text?: string }>()
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  if (today.isError) return <Alert type="error" showIcon title={today.error.message} />
  if (!today.data) return <Card loading size="small" />
  const report = today.data.report
  const locked = report?.reviewedAt != null
  const send = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setError(null)
    setSaved(false)
    try {
      await submit.mutateAsync(values.text?.trim() ? { text: values.text.trim() } : {})
      setSaved(true)
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught))
    }
  }
  return (
    <Card
      size="small"
      data-testid="daily-report-today"
      title={t('dailyReports.today', { day: today.data.day })}
      style={{ marginBottom: 16 }}
      extra={
        report && (
          <Tag color={locked ? 'green' : 'blue'}>
            {locked ? t('dailyReports.reviewed') : t('dailyReports.pending')}
          </Tag>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Counts counts={report?.counts ?? today.data.counts} />
        {error && <Alert type="error" showIcon title={error} />}
        {saved && <Alert type="success" showIcon title={t('dailyReports.saved')} />}
        {locked ? (
          <>
            <Alert type="info" showIcon title={t('dailyReports.locked')} />
            <ReportText report={report} />
          </>
        ) : (
          <Form form={form} layout="vertical" initialValues={{ text: report?.text ?? '' }}>
            <Form.Item
              name="text"
              label={t('dailyReports.text')}
              extra={t('dailyReports.textHint')}
            >
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Space>
              <Button type="primary" loading={submit.isPending} onClick={() => void send()}>
                {report ? t('dailyReports.amend') : t('dailyReports.submit')}
              </Button>
              {report && (
                <Typography.Text type="secondary">
                  {t('dailyReports.submittedAt', {
                    at: formatTime(report.amendedAt ?? report.submittedAt),
                  })}
                </Typography.Text>
              )}
            </Space>
          </Form>
        )}
      </Space>
    </Card>
  )
}

function ReportText({ report }: { report: DailyReport }) {
  const { t } = useTranslation()
  return (
    <Descriptions bordered column={1} size="small">
      <Descriptions.Item label={t('dailyReports.text')}>{report.text ?? '—'}</Descriptions.Item>
      {report.reviewedBy && report.reviewedAt && (
        <Descriptions.Item
          label={t('dailyReports.reviewedBy', {
            name: report.reviewedBy.name,
            at: formatTime(report.reviewedAt),
          })}
        >
          {report.comment ?? '—'}
        </Descriptions.Item>
      )}
    </Descriptions>
  )
}

function ReportTable({ of, mayReview, me }: { of: View; mayReview: boolean; me: Me }) {
  const { t } = useTranslation()
  const list = useDailyReports({ of })
  const [reviewing, setReviewing] = useState<DailyReport | null>(null)
  if (list.isError) return <Alert type="error" showIcon title={list.error.message} />
  return (
    <>
      <Table<DailyReport>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('dailyReports.none') }}
        expandable={{ expandedRowRender: (r) => <ReportText report={r} /> }}
        columns={[
          { title: t('dailyReports.day'), dataIndex: 'day' },
          ...(of === 'department'
            ? [
                {
                  title: t('dailyReports.author'),
                  key: 'author',
                  render: (_: unknown, r: DailyReport) => r.author.name,
                },
              ]
            : []),
          ...COUNTS.map((key) => ({
            title: t(`dailyReports.counts.${key}`),
            key,
            render: (_: unknown, r: DailyReport) => r.counts[key],
          })),
          {
            title: t('dailyReports.status'),
            key: 'status',
            render: (_, r) =>
              r.reviewedAt ? (
                <Tag color="green">{t('dailyReports.reviewed')}</Tag>
              ) : (
                <Tag color="blue">{t('dailyReports.pending')}</Tag>
              ),
          },
          ...(mayReview
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, r: DailyReport) =>
                    !r.reviewedAt && r.author.id !== me.id ? (
                      <Button size="small" onClick={() => setReviewing(r)}>
                        {t('dailyReports.review')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {reviewing && <ReviewReport report={reviewing} onClose={() => setReviewing(null)} />}
    </>
  )
}

function ReviewReport({ report, onClose }: { report: DailyReport; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ comment?: string }>()
  const review = useReviewDailyReport()
  return (
    <FormModal
      title={t('dailyReports.reviewTitle')}
      form={form}
      okText={t('dailyReports.review')}
      onSubmit={(values) =>
        review.mutateAsync({
          id: report.id,
          body: values.comment?.trim() ? { comment: values.comment.trim() } : {},
        })
      }
      onClose={onClose}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text>
          {report.author.name} · {report.day}
        </Typography.Text>
        <Counts counts={report.counts} />
        <ReportText report={report} />
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t('dailyReports.comment')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Space>
    </FormModal>
  )
}
