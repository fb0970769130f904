import { Alert, Button, Card, Col, List, Row, Statistic, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useAccounts } from '../api/accounts.js'
import { useAlerts } from '../api/alerts.js'
import { useLatestCheckpoint } from '../api/audit.js'
import { useRecentCustomers } from '../api/customers.js'
import { useNotices } from '../api/notices.js'
import { useRequestQueue } from '../api/requests.js'
import type { DataRequest, Me } from '../api/types.js'
import { PermittedButton } from '../components/PermittedButton.js'
import { formatDate, formatTime } from '../i18n/format.js'
import { has } from '../permissions.js'
import { ReviewCountsCard } from './customers/ReviewCountsCard.js'
import { MyDayCard } from './follow-ups/MyDayCard.js'
import { NoNoticeYet } from './privacy/NoNoticeYet.js'

/**
 * What each role needs first: staff their newest customers, security and
 * audit the open alerts and the state of the trail, administrators the
 * accounts that need attention. Each card asks only what its role may read.
 */
export function Dashboard({ me }: { me: Me }) {
  const { t } = useTranslation()
  // A new installation's first step for consents: a published notice (CON-1).
  const notices = useNotices()
  const noNotice =
    notices.data?.items.length === 0 && (has(me, 'purposes.manage') || has(me, 'consents.manage'))
  const cards = [
    has(me, 'interactions.manage') && <MyDayCard key="my-day" me={me} />,
    has(me, 'customers.read') && <RecentCustomers key="customers" me={me} />,
    has(me, 'customers.write') && <ReviewCountsCard key="review" />,
    has(me, 'requests.manage') && <OpenRequests key="requests" />,
    has(me, 'alerts.read') && <OpenAlerts key="alerts" />,
    has(me, 'audit.read') && <TrailState key="trail" />,
    has(me, 'accounts.read') && <AccountsNeedingAttention key="accounts" />,
  ].filter(Boolean)
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('dashboard.greeting', { name: me.displayName })}
      </Typography.Title>
      {noNotice && (
        <div style={{ marginBottom: 16 }}>
          <NoNoticeYet me={me} />
        </div>
      )}
      {cards.length === 0 ? (
        <Alert type="info" showIcon title={t('dashboard.nothing')} />
      ) : (
        <Row gutter={[16, 16]}>
          {cards.map((card, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the cards keep their order
            <Col key={index} xs={24} xl={12}>
              {card}
            </Col>
          ))}
        </Row>
      )}
    </>
  )
}

function RecentCustomers({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const recent = useRecentCustomers()
  return (
    <Card
      title={t('dashboard.recentCustomers')}
      extra={
        <PermittedButton
          me={me}
          permission="customers.write"
          type="link"
          onClick={() => navigate('/customers/new')}
        >
          {t('customers.create')}
        </PermittedButton>
      }
    >
      {recent.isError ? (
        <Alert type="error" showIcon title={recent.error.message} />
      ) : (
        <List
          loading={recent.isPending}
          dataSource={recent.data?.items ?? []}
          locale={{ emptyText: t('customers.none') }}
          renderItem={(customer) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => navigate(`/customers/${customer.id}`)}
              extra={formatDate(customer.createdAt)}
            >
              <List.Item.Meta
                title={String(customer.name ?? '')}
                description={t(`customers.kind.${customer.kind}`)}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

/** DSR-1: the requests still to answer, by how close their due date is. */
function OpenRequests() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const requests = useRequestQueue('open')
  const open = requests.data?.items ?? []
  const count = (urgency: DataRequest['urgency']) =>
    open.filter((r) => r.urgency === urgency).length
  return (
    <Card
      title={t('dashboard.openRequests')}
      loading={requests.isPending}
      extra={
        <Button type="link" onClick={() => navigate('/requests')}>
          {t('dashboard.view')}
        </Button>
      }
    >
      {requests.isError ? (
        <Alert type="error" showIcon title={requests.error.message} />
      ) : (
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t('requests.open')} value={open.length} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('requests.dueSoon')}
              value={count('due_soon')}
              styles={{ content: { color: '#d46b08' } }}
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('requests.overdue')}
              value={count('overdue')}
              styles={{ content: { color: '#cf1322' } }}
            />
          </Col>
        </Row>
      )}
    </Card>
  )
}

function OpenAlerts() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const alerts = useAlerts('open')
  const open = alerts.data?.items ?? []
  return (
    <Card
      title={t('dashboard.openAlerts')}
      loading={alerts.isPending}
      extra={
        <Button type="link" onClick={() => navigate('/alerts')}>
          {t('dashboard.view')}
        </Button>
      }
    >
      {alerts.isError ? (
        <Alert type="error" showIcon title={alerts.error.message} />
      ) : (
        <>
          <Statistic
            value={open.length}
            styles={{ content: { color: open.length > 0 ? '#cf1322' : undefined } }}
          />
          {open.slice(0, 3).map((alert) => (
            <Tag key={alert.id} color="red" style={{ marginTop: 8 }}>
              {t(`alerts.rules.${alert.rule}`, { defaultValue: alert.rule })}
            </Tag>
          ))}
        </>
      )}
    </Card>
  )
}

function TrailState() {
  const { t } = useTranslation()
  const checkpoint = useLatestCheckpoint()
  return (
    <Card title={t('dashboard.trail')} loading={checkpoint.isPending}>
      {checkpoint.isError ? (
        <Alert type="info" showIcon title={checkpoint.error.message} />
      ) : (
        checkpoint.data && (
          <Row gutter={16}>
            <Col span={12}>
              <Statistic title={t('audit.checkpointSize')} value={checkpoint.data.size} />
            </Col>
            <Col span={12}>
              <Statistic
                title={t('audit.checkpointSignedAt')}
                value={formatTime(checkpoint.data.signedAt)}
                styles={{ content: { fontSize: 16 } }}
              />
            </Col>
          </Row>
        )
      )}
    </Card>
  )
}

function AccountsNeedingAttention() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const accounts = useAccounts()
  const items = accounts.data?.items ?? []
  const locked = items.filter((a) => a.lockedUntil && new Date(a.lockedUntil) > new Date())
  return (
    <Card
      title={t('dashboard.accounts')}
      loading={accounts.isPending}
      extra={
        <Button type="link" onClick={() => navigate('/admin/accounts')}>
          {t('dashboard.view')}
        </Button>
      }
    >
      {accounts.isError ? (
        <Alert type="error" showIcon title={accounts.error.message} />
      ) : (
        <Row gutter={16}>
          <Col span={8}>
            <Statistic
              title={t('accounts.active')}
              value={items.filter((a) => a.status === 'active').length}
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('accounts.disabled')}
              value={items.filter((a) => a.status === 'disabled').length}
            />
          </Col>
          <Col span={8}>
            <Statistic title={t('accounts.locked')} value={locked.length} />
          </Col>
        </Row>
      )}
    </Card>
  )
}
