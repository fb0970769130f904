import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { type NewAccount, useSaveAccount } from '../../api/accounts.js'
import { useDepartments } from '../../api/departments.js'
import { useRoleNames, useRoles } from '../../api/roles.js'
import type { Account, CreatedAccount, CreatedPendingAccount } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'

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
  const save = useSaveAccount({
    // ACC-5: a grant that waits re-issues the password once approved; its first part is shown now.
    onSuccess: (saved, save) => {
      if (!save.account || 'approvalId' in saved)
        onCreated(saved as CreatedAccount | CreatedPendingAccount)
    },
  })
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
          await save.mutateAsync({
            account,
            body: own
              ? { displayName: changes.displayName, departmentId: changes.departmentId }
              : changes,
          })
        } else {
          // The form asks a new account for its username; the server words a missing one.
          await save.mutateAsync({ account: null, body: body as NewAccount })
        }
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
