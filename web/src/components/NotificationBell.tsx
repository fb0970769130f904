import { Badge, Button, Form, Input, List, message, Popover, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { showServerErrors } from '../api/form-errors.js'
import {
  type Notification,
  useNotificationAddress,
  useNotifications,
  useReadNotification,
  useSaveNotificationAddress,
} from '../api/notifications.js'
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
      content={
        <>
          {list}
          <MailAddress />
        </>
      }
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

/** When the server sends e-mail: the address the user receives notifications at. */
function MailAddress() {
  const { t } = useTranslation()
  const address = useNotificationAddress()
  const save = useSaveNotificationAddress()
  const [form] = Form.useForm<{ email: string }>()
  if (!address.data?.mailEnabled) return null
  const submit = async ({ email }: { email: string }) => {
    try {
      await save.mutateAsync(email.trim() === '' ? null : email.trim())
      void message.success(t('notifications.addressSaved'))
    } catch (caught) {
      showServerErrors(form, caught)
    }
  }
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12, width: 380 }}
      initialValues={{ email: address.data.email ?? '' }}
      onFinish={(values) => void submit(values)}
    >
      <Form.Item label={t('notifications.address')} extra={t('notifications.addressHint')}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="email" noStyle>
            <Input type="email" data-testid="notification-address" />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {t('notifications.save')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  )
}
