import { Badge, Button, List, Popover, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { type Notification, useNotifications, useReadNotification } from '../api/notifications.js'
import { formatTime } from '../i18n/format.js'

/** The bell in the header: the unread count, the list, mark read, open the link. */
export function NotificationBell() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const notifications = useNotifications()
  const read = useReadNotification()
  const unread = notifications.data?.unread ?? 0
  const text = (n: Notification) =>
    t(`notifications.kinds.${n.kind}`, {
      customer: n.params.customer ?? '',
      assignee: n.params.assignee ?? '',
      dueAt: formatTime(n.params.dueAt),
    })
  const openOne = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id)
    setOpen(false)
    void navigate(n.link)
  }
  const list = (
    <List
      style={{ width: 380, maxHeight: 420, overflowY: 'auto' }}
      size="small"
      dataSource={notifications.data?.items ?? []}
      locale={{ emptyText: t('notifications.none') }}
      renderItem={(n) => (
        <List.Item
          data-testid="notification"
          actions={
            n.readAt
              ? []
              : [
                  <Button key="read" size="small" type="link" onClick={() => read.mutate(n.id)}>
                    {t('notifications.markRead')}
                  </Button>,
                ]
          }
        >
          <List.Item.Meta
            title={
              <Typography.Link strong={!n.readAt} onClick={() => openOne(n)}>
                {text(n)}
              </Typography.Link>
            }
            description={formatTime(n.createdAt)}
          />
        </List.Item>
      )}
    />
  )
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notifications.title')}
      content={list}
    >
      <Badge count={unread} size="small">
        <Button
          size="small"
          aria-label={t('notifications.bell', { count: unread })}
          data-testid="notification-bell"
        >
          {t('notifications.title')}
        </Button>
      </Badge>
    </Popover>
  )
}
