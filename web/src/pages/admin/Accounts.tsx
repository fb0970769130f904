import { Alert, App, Button, Card, Dropdown, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type AccountStep, useAccountStep, useAccounts } from '../../api/accounts.js'
import { useRoleNames } from '../../api/roles.js'
import type {
  Account,
  CreatedAccount,
  CreatedPendingAccount,
  Me,
  PasswordResetPending,
  RoleGrant,
} from '../../api/types.js'
import { PasswordPart } from '../../components/PasswordPart.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { AccountForm } from './AccountForm.js'

type Step = AccountStep

/**
 * Staff accounts (ACC-1, ACC-4): roles, department, disable, one-time
 * passwords, two-factor reset. A role that reads customer data or the audit
 * trail shows as waiting until a 安全管理员 approves it (ACC-5), and so do
 * the password and two-factor resets of an account that holds (or waits for)
 * such a role. A request that re-issues the account's password shows the
 * requester only the first part of it; the approver is shown the second.
 */
export function Accounts({ me }: { me: Me }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const roleName = useRoleNames()
  const [editing, setEditing] = useState<Account | 'new' | null>(null)
  const accounts = useAccounts()
  const mayManage = has(me, 'accounts.manage')

  const showOneTimePassword = (
    created: CreatedAccount | CreatedPendingAccount | PasswordResetPending,
  ) =>
    modal.success({
      title: t('accounts.oneTimePasswordTitle', { username: created.account.username }),
      content: (
        <Space orientation="vertical">
          {'oneTimePassword' in created && created.oneTimePassword && (
            <Typography.Text code copyable data-testid="one-time-password">
              {created.oneTimePassword}
            </Typography.Text>
          )}
          {'oneTimePasswordFirstPart' in created ? (
            <PasswordPart part={created.oneTimePasswordFirstPart} which="first" />
          ) : (
            <Typography.Text type="secondary">
              {t(
                created.oneTimePassword
                  ? 'accounts.oneTimePasswordHint'
                  : 'accounts.chosenPasswordHint',
              )}
            </Typography.Text>
          )}
          {'approvalId' in created && (
            <Alert
              type="warning"
              showIcon
              data-testid="role-grant-pending"
              title={t(
                created.account.pendingPasswordReset?.approvalId === created.approvalId
                  ? 'accounts.passwordResetRequested'
                  : 'accounts.grantPending',
              )}
            />
          )}
        </Space>
      ),
    })
  const act = useAccountStep({
    onSuccess: (result) => {
      if ('oneTimePassword' in result || 'oneTimePasswordFirstPart' in result)
        showOneTimePassword(result as CreatedAccount | PasswordResetPending)
      // ACC-5: a protected account's two-factor reset waits for a second person.
      else if ('approvalId' in result) void message.warning(t('accounts.twoFactorResetRequested'))
      else void message.success(t('accounts.done'))
    },
    onError: (error) => void message.error(error.message),
  })
  const confirm = (account: Account, step: Step) =>
    modal.confirm({
      title: t(`accounts.confirm.${step}`, { username: account.username }),
      onOk: () => act.mutateAsync({ account, step }),
    })

  return (
    <Card
      title={t('menu.accounts')}
      extra={
        mayManage && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('accounts.create')}
          </Button>
        )
      }
    >
      {accounts.isError && <Alert type="error" showIcon title={accounts.error.message} />}
      <Table<Account>
        rowKey="id"
        size="small"
        loading={accounts.isPending}
        dataSource={accounts.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username' },
          { title: t('accounts.displayName'), dataIndex: 'displayName' },
          {
            title: t('accounts.roles'),
            dataIndex: 'roles',
            render: (roles: RoleGrant['code'][]) =>
              roles.map((role) => <Tag key={role}>{roleName(role)}</Tag>),
          },
          {
            title: t('accounts.department'),
            render: (_, account) => account.department?.name ?? '—',
          },
          {
            title: t('accounts.state'),
            render: (_, account) => (
              <Space size={4} wrap>
                <Tag color={account.status === 'active' ? 'green' : 'default'}>
                  {t(`accounts.${account.status}`)}
                </Tag>
                {account.lockedUntil && new Date(account.lockedUntil) > new Date() && (
                  <Tag color="orange">{t('accounts.locked')}</Tag>
                )}
                {account.twoFactorEnabled && <Tag color="blue">{t('accounts.twoFactor')}</Tag>}
                {account.mustChangePassword && <Tag>{t('accounts.mustChangePassword')}</Tag>}
                {account.pendingRoleGrant && (
                  <Tag color="orange" title={formatTime(account.pendingRoleGrant.requestedAt)}>
                    {t('accounts.pendingRoles', {
                      roles: account.pendingRoleGrant.roles
                        .filter((role) => !account.roles.includes(role))
                        .map(roleName)
                        .join('、'),
                    })}
                  </Tag>
                )}
                {account.pendingPasswordReset && (
                  <Tag
                    color="orange"
                    data-testid="password-reset-pending"
                    title={formatTime(account.pendingPasswordReset.requestedAt)}
                  >
                    {t('accounts.passwordResetPending')}
                  </Tag>
                )}
                {account.pendingTwoFactorReset && (
                  <Tag
                    color="orange"
                    data-testid="two-factor-reset-pending"
                    title={formatTime(account.pendingTwoFactorReset.requestedAt)}
                  >
                    {t('accounts.twoFactorResetPending')}
                  </Tag>
                )}
              </Space>
            ),
          },
          ...(mayManage
            ? [
                {
                  title: '',
                  render: (_: unknown, account: Account) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(account)}>
                        {t('accounts.edit')}
                      </Button>
                      <Dropdown
                        menu={{
                          items: [
                            account.status === 'active'
                              ? { key: 'disable', label: t('accounts.disable'), danger: true }
                              : { key: 'enable', label: t('accounts.enable') },
                            { key: 'password-reset', label: t('accounts.resetPassword') },
                            ...(account.twoFactorEnabled && !account.pendingTwoFactorReset
                              ? [{ key: 'two-factor-reset', label: t('accounts.resetTwoFactor') }]
                              : []),
                          ],
                          onClick: ({ key }) => confirm(account, key as Step),
                        }}
                      >
                        <Button size="small">{t('accounts.more')}</Button>
                      </Dropdown>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <AccountForm
          account={editing === 'new' ? null : editing}
          own={editing !== 'new' && editing.id === me.id}
          onClose={() => setEditing(null)}
          onCreated={showOneTimePassword}
        />
      )}
    </Card>
  )
}
