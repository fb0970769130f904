import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { paths } from '../api/schema.js'
import { useCreateToken, useRevokeToken, useTokens } from '../api/tokens.js'
import type { ApiToken, CreatedToken, Me, Permission } from '../api/types.js'
import { FormModal } from '../components/FormModal.js'
import { formatTime } from '../i18n/format.js'

type TokenList = paths['/api/v1/tokens']['get']['responses'][200]['content']['application/json']
type TokenPolicy = TokenList['policy']

/** Expiry choices offered; the server's ceiling for the account trims them. */
const EXPIRY_CHOICES = [7, 30, 90, 180, 365]

/**
 * The caller's own API tokens (ACC-4): scoped to a subset of their own
 * permissions, shown once at creation, always expiring (with a TOTP code and
 * at most 30 days for roles that must use two-factor), revocable at any time.
 */
export function ApiTokens({ me }: { me: Me }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const [creating, setCreating] = useState(false)
  const tokens = useTokens()
  const revoke = useRevokeToken({ onError: (error) => void message.error(error.message) })
  return (
    <Card
      title={t('menu.tokens')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      {tokens.isError && <Alert type="error" showIcon title={tokens.error.message} />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('tokens.empty') }}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          {
            title: t('tokens.scopes'),
            dataIndex: 'scopes',
            render: (scopes: Permission[]) => scopes.map((s) => <Tag key={s}>{s}</Tag>),
          },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('tokens.expiresAt'),
            dataIndex: 'expiresAt',
            render: (at: string) => (
              <Space size={4}>
                {formatTime(at)}
                {new Date(at) <= new Date() && <Tag color="default">{t('tokens.expired')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('tokens.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (at: string | null) => (at ? formatTime(at) : t('tokens.neverUsed')),
          },
          {
            title: '',
            render: (_, token) =>
              token.revokedAt ? (
                <Tag>{t('tokens.revoked')}</Tag>
              ) : (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('tokens.confirmRevoke', { name: token.name }),
                      onOk: () => revoke.mutateAsync(token),
                    })
                  }
                >
                  {t('tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
      {creating && tokens.data && (
        <TokenForm
          me={me}
          policy={tokens.data.policy}
          onClose={() => setCreating(false)}
          onCreated={(created) =>
            modal.success({
              title: t('tokens.shownOnce'),
              width: 560,
              content: (
                <Typography.Paragraph code copyable style={{ wordBreak: 'break-all' }}>
                  {created.token}
                </Typography.Paragraph>
              ),
            })
          }
        />
      )}
    </Card>
  )
}

type Values = { name: string; scopes: Permission[]; expiresInDays: number; totp?: string }

function TokenForm({
  me,
  policy,
  onClose,
  onCreated,
}: {
  me: Me
  policy: TokenPolicy
  onClose: () => void
  onCreated: (created: CreatedToken) => void
}) {
  const { t } = useTranslation()
  const create = useCreateToken({ onSuccess: onCreated })
  const [form] = Form.useForm<Values>()
  return (
    <FormModal
      title={t('tokens.create')}
      form={form}
      onSubmit={async (values) => {
        await create.mutateAsync(values)
      }}
      onClose={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Form form={form} layout="vertical" initialValues={{ expiresInDays: policy.defaultDays }}>
          <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true }]}>
            <Input autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokens.scopes')}
            rules={[{ required: true }]}
            extra={t('tokens.scopesHint')}
          >
            <Select
              mode="multiple"
              options={me.permissions
                .filter((p) => p !== 'tokens.own')
                .map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('tokens.expiresInDays')}
            rules={[{ required: true }]}
            extra={t('tokens.expiresInDaysHint', { max: policy.maxDays })}
          >
            <Select
              options={EXPIRY_CHOICES.filter((days) => days <= policy.maxDays).map((days) => ({
                value: days,
                label: t('tokens.days', { count: days }),
              }))}
            />
          </Form.Item>
          {policy.totpRequired && (
            <Form.Item
              name="totp"
              label={t('tokens.totp')}
              extra={t('tokens.totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/ }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
          )}
        </Form>
      </Space>
    </FormModal>
  )
}
