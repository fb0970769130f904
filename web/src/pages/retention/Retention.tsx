import { Alert, App, Button, Card, InputNumber, Space, Switch, Table, Tabs, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import {
  useChangePolicy,
  useDecideReview,
  useOpenReviews,
  useRetentionPolicies,
} from '../../api/retention.js'
import type { RetentionPolicy, RetentionReview } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'

/** Retention (RET-1): the customers past a period, to keep or to destroy, and the periods themselves. */
export function Retention() {
  const { t } = useTranslation()
  return (
    <Card title={t('menu.retention')}>
      <Tabs
        items={[
          { key: 'reviews', label: t('retention.reviews'), children: <Reviews /> },
          { key: 'policies', label: t('retention.policies'), children: <Policies /> },
        ]}
      />
    </Card>
  )
}

function Reviews() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const { modal, message } = App.useApp()
  const policies = useRetentionPolicies()
  const reviews = useOpenReviews()
  const decide = useDecideReview({
    onSuccess: (_, { keep }) => {
      void message.success(t(keep ? 'retention.keptNote' : 'destruction.requestedNote'))
    },
    onError: (error) => void message.error(error.message),
  })
  const policyName = (code: string) => {
    const policy = policies.data?.items.find((p) => p.code === code)
    return policy ? (i18n.language === 'en' ? policy.nameEn : policy.nameZh) : code
  }
  if (reviews.isError) return <Alert type="error" showIcon title={reviews.error.message} />
  return (
    <Table<RetentionReview>
      rowKey="id"
      size="small"
      loading={reviews.isPending}
      dataSource={reviews.data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('retention.noReviews') }}
      columns={[
        {
          title: t('requests.customer'),
          dataIndex: 'customerId',
          render: (id: string) => (
            <Button type="link" size="small" onClick={() => navigate(`/customers/${id}`)}>
              <code>{id.slice(0, 8)}</code>
            </Button>
          ),
        },
        { title: t('retention.policy'), dataIndex: 'policy', render: policyName },
        { title: t('retention.expiredAt'), dataIndex: 'expiredAt', render: formatTime },
        { title: t('retention.flaggedAt'), dataIndex: 'flaggedAt', render: formatTime },
        {
          title: '',
          render: (_, review) => (
            <Space>
              <Button size="small" onClick={() => decide.mutate({ review, keep: true })}>
                {t('retention.keep')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() =>
                  modal.confirm({
                    title: t('destruction.request'),
                    content: t('destruction.warning'),
                    okButtonProps: { danger: true },
                    onOk: () => decide.mutateAsync({ review, keep: false }),
                  })
                }
              >
                {t('destruction.request')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  )
}

function Policies() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const policies = useRetentionPolicies()
  const change = useChangePolicy({
    onError: (error) => void message.error(error.message),
  })
  if (policies.isError) return <Alert type="error" showIcon title={policies.error.message} />
  return (
    <Table<RetentionPolicy>
      rowKey="code"
      size="small"
      loading={policies.isPending}
      dataSource={policies.data?.items ?? []}
      pagination={false}
      columns={[
        {
          title: t('retention.policy'),
          render: (_, p) => (i18n.language === 'en' ? p.nameEn : p.nameZh),
        },
        {
          title: t('retention.basis'),
          dataIndex: 'basis',
          render: (basis: string) => <Tag>{t(`retention.bases.${basis}`)}</Tag>,
        },
        {
          title: t('retention.appliesTo'),
          dataIndex: 'appliesTo',
          render: (value: string) => t(`retention.scopes.${value}`),
        },
        {
          title: t('retention.measuredFrom'),
          dataIndex: 'measuredFrom',
          render: (value: string) => t(`retention.from.${value}`),
        },
        {
          title: t('retention.periodDays'),
          render: (_, p) => (
            <InputNumber
              aria-label={t('retention.periodDays')}
              min={1}
              max={36500}
              defaultValue={p.periodDays}
              onBlur={(e) => {
                const periodDays = Number(e.target.value)
                if (periodDays && periodDays !== p.periodDays) {
                  change.mutate({ code: p.code, body: { periodDays } })
                }
              }}
            />
          ),
        },
        {
          title: t('purposes.active'),
          render: (_, p) => (
            <Switch
              checked={p.active}
              onChange={(active) => change.mutate({ code: p.code, body: { active } })}
            />
          ),
        },
      ]}
    />
  )
}
