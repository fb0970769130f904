import { Alert, App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { usePick, usePool, usePoolSettings, useReturning } from '../../api/pool.js'
import type { PoolCustomer, ReturningCustomer } from '../../api/types.js'
import { formatDate, formatTime } from '../../i18n/format.js'

/**
 * The customer pool (公海) of the user's department: customers returned
 * for want of a follow-up or a deal, masked, with a pick button within
 * today's limit; and the user's own customers about to return, with the
 * date. The server decides every pick (limit, cool-off, cap).
 */
export function CustomerPool() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PoolTable />
      <Returning />
      <Rules />
    </Space>
  )
}

function PoolTable() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const pool = usePool()
  const pick = usePick()
  const quota = pool.data?.quota
  const noneLeft = quota !== undefined && quota.remainingToday === 0
  const atCap = quota !== undefined && quota.owned >= quota.ownerCap
  return (
    <Card
      title={t('pool.title')}
      extra={
        quota && (
          <Space>
            <Tag color={noneLeft ? 'red' : 'green'}>
              {t('pool.remaining', { remaining: quota.remainingToday, limit: quota.dailyLimit })}
            </Tag>
            <Tag color={atCap ? 'red' : 'default'}>
              {t('pool.owned', { owned: quota.owned, cap: quota.ownerCap })}
            </Tag>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('pool.hint')}</Typography.Paragraph>
      {pool.isError && <Alert type="error" showIcon title={pool.error.message} />}
      {pick.isError && <Alert type="error" showIcon title={pick.error.message} />}
      <Table<PoolCustomer>
        rowKey="customerId"
        size="small"
        loading={pool.isPending}
        dataSource={pool.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('pool.empty') }}
        columns={[
          { title: t('pool.name'), dataIndex: 'maskedName' },
          {
            title: t('pool.grade'),
            render: (_, c) => (c.grade ? t(`values.grade.${c.grade}`) : t('pool.none')),
          },
          {
            title: t('pool.source'),
            render: (_, c) => (c.source ? t(`values.source.${c.source}`) : t('pool.none')),
          },
          {
            title: t('pool.daysInPool'),
            render: (_, c) => t('pool.days', { count: c.daysInPool }),
          },
          {
            title: t('pool.formerOwner'),
            render: (_, c) => c.formerOwner?.name ?? t('pool.none'),
          },
          {
            title: t('pool.action'),
            render: (_, c) => {
              const why = c.coolingOffUntil
                ? t('pool.coolingOff', { date: formatDate(c.coolingOffUntil) })
                : noneLeft
                  ? t('pool.limitReached')
                  : atCap
                    ? t('pool.capReached')
                    : undefined
              return (
                <Tooltip title={why}>
                  <Button
                    size="small"
                    type="primary"
                    disabled={why !== undefined}
                    loading={pick.isPending && pick.variables === c.customerId}
                    onClick={() =>
                      pick.mutate(c.customerId, {
                        onSuccess: () => message.success(t('pool.picked')),
                      })
                    }
                  >
                    {t('pool.pick')}
                  </Button>
                </Tooltip>
              )
            },
          },
        ]}
      />
    </Card>
  )
}

function Returning() {
  const { t } = useTranslation()
  const returning = useReturning()
  return (
    <Card title={t('pool.returning')}>
      <Typography.Paragraph type="secondary">{t('pool.returningHint')}</Typography.Paragraph>
      {returning.isError && <Alert type="error" showIcon title={returning.error.message} />}
      <Table<ReturningCustomer>
        rowKey="customerId"
        size="small"
        pagination={false}
        loading={returning.isPending}
        dataSource={returning.data?.items ?? []}
        locale={{ emptyText: t('pool.noneReturning') }}
        columns={[
          {
            title: t('pool.name'),
            render: (_, c) => <Link to={`/customers/${c.customerId}`}>{c.maskedName}</Link>,
          },
          {
            title: t('pool.grade'),
            render: (_, c) => (c.grade ? t(`values.grade.${c.grade}`) : t('pool.none')),
          },
          { title: t('pool.lastActivity'), dataIndex: 'lastActivityAt', render: formatTime },
          {
            title: t('pool.returnsAt'),
            render: (_, c) => (
              <Tag color={c.daysLeft <= 1 ? 'red' : 'orange'}>{formatDate(c.returnsAt)}</Tag>
            ),
          },
          { title: t('pool.daysLeft'), render: (_, c) => t('pool.days', { count: c.daysLeft }) },
          { title: t('pool.warnedAt'), dataIndex: 'warnedAt', render: formatTime },
        ]}
      />
    </Card>
  )
}

function Rules() {
  const { t } = useTranslation()
  const settings = usePoolSettings()
  const s = settings.data
  if (!s) return null
  return (
    <Card title={t('pool.rules')} size="small">
      {!s.recyclingEnabled && <Alert type="info" showIcon title={t('pool.off')} />}
      <ul>
        {s.rules.map((rule) => (
          <li key={rule.grade ?? ''}>
            {t('pool.rule', {
              grade: rule.grade ? t(`values.grade.${rule.grade}`) : t('pool.defaultGrade'),
              after: rule.recycleAfterDays,
              warn: rule.warnDaysBefore,
            })}
          </li>
        ))}
      </ul>
      <Typography.Text type="secondary">
        {t('pool.limits', { limit: s.dailyPickLimit, coolOff: s.coolOffDays, cap: s.ownerCap })}
      </Typography.Text>
    </Card>
  )
}
