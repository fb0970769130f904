import { useQueryClient } from '@tanstack/react-query'
import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client.js'
import type {
  Account,
  CreatedAccount,
  CreatedPendingAccount,
  RoleGrantPending,
} from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { useDepartments, useRoleNames, useRoles } from './roles.js'

type Values = {
  username?: string
  displayName: string
  roles: Account['roles']
  departmentId?: string | null
}

/**
 * A new account (the server makes a one-time password, shown once) or a
 * change of name, roles and department. Separation of duties and every
 * other rule are the server's: its messages appear on the fields. A role
 * grant that needs a second person is said to be waiting (ACC-5); one's own
 * roles are not offered for change (ACC-1).
 */
export function AccountForm({
  account,
  own,
  onClose,
  onCreated,
}: {
  account: Account | null
  own: boolean
  onClose: () => void
  onCreated: (created: CreatedAccount | CreatedPendingAccount) => void
}) {
  const { t } = useTranslation()
  const queries = useQueryClient()
  const roles = useRoles()
  const roleName = useRoleNames()
  const departments = useDepartments()
  const [form] = Form.useForm<Values>()

  return (
    <FormModal
      title={
        account ? t('accounts.editTitle', { username: account.username }) : t('accounts.create')
      }
      form={form}
      onSubmit={async (values) => {
        const body = { ...values, departmentId: values.departmentId ?? null }
        if (account) {
          const { username: _, ...changes } = body
          const changed = await api<Account | RoleGrantPending>(
            'PATCH',
            `/accounts/${account.id}`,
            own
              ? { displayName: changes.displayName, departmentId: changes.departmentId }
              : changes,
          )
          // ACC-5: the grant waits; approved, it re-issues the password, whose first part is shown now.
          if ('approvalId' in changed) onCreated(changed)
        } else {
          onCreated(await api<CreatedAccount | CreatedPendingAccount>('POST', '/accounts', body))
        }
        await queries.invalidateQueries({ queryKey: ['accounts'] })
      }}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          account
            ? {
                displayName: account.displayName,
                roles: account.roles,
                departmentId: account.department?.id ?? null,
              }
            : { roles: [] }
        }
      >
        {!account && (
          <Form.Item
            name="username"
            label={t('accounts.username')}
            rules={[{ required: true }]}
            extra={t('accounts.usernameHint')}
          >
            <Input autoComplete="off" autoFocus />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('accounts.displayName')}
          rules={[{ required: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('accounts.roles')}
          rules={[{ required: true }]}
          extra={own ? t('accounts.ownRolesHint') : t('accounts.rolesHint')}
        >
          <Select
            disabled={own}
            mode="multiple"
            loading={roles.isPending}
            options={(roles.data?.items ?? []).map((role) => ({
              value: role.code,
              label: roleName(role.code),
            }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('accounts.department')}>
          <Select
            allowClear
            loading={departments.isPending}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
