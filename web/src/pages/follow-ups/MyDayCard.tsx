import { Button, Card, List, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useReturning } from '../../api/pool.js'
import type { Me } from '../../api/types.js'
import { formatDate } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { FollowUpTable } from './FollowUps.js'

/** 我的今日: the user's follow-ups due today and overdue, and their customers about to return to the pool. */
export function MyDayCard({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Card
      title={t('myDay.title')}
      data-testid="my-day"
      extra={
        <Button type="link" onClick={() => navigate('/follow-ups')}>
          {t('myDay.viewAll')}
        </Button>
      }
    >
      <Typography.Text strong>{t('myDay.dueToday')}</Typography.Text>
      <FollowUpTable query={{ assignee: 'me', due: 'today' }} compact />
      <Typography.Text strong>{t('myDay.overdue')}</Typography.Text>
      <FollowUpTable query={{ assignee: 'me', due: 'overdue' }} compact />
      {has(me, 'pool.pick') && <Returning />}
    </Card>
  )
}

function Returning() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const returning = useReturning()
  const items = returning.data?.items ?? []
  if (items.length === 0) return null
  return (
    <>
      <Typography.Text strong>{t('myDay.returning')}</Typography.Text>
      <List
        size="small"
        dataSource={items}
        renderItem={(c) => (
          <List.Item
            style={{ cursor: 'pointer' }}
            onClick={() => navigate(`/customers/${c.customerId}`)}
            extra={t('myDay.returnsOn', { date: formatDate(c.returnsAt) })}
          >
            {c.maskedName}
          </List.Item>
        )}
      />
    </>
  )
}
