import { Button, type ButtonProps, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/types.js'
import { DEFAULT_HOLDERS } from '../permission-holders.js'
import { has, type Permission } from '../permissions.js'

/** "合规负责人或部门经理" / "a Compliance officer or Department manager": who may take a step, in the user's language. */
export function useHoldersOf(): (permission: Permission) => string {
  const { t, i18n } = useTranslation()
  return (permission) =>
    new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(
      (DEFAULT_HOLDERS[permission] ?? []).map((role) => t(`roleNames.${role}`)),
    )
}

/**
 * A step the user may lack the permission for: shown either way, disabled
 * with the role that may take it on hover, so a user learns whom to ask
 * instead of wondering where the step is (issue 14).
 */
export function PermittedButton({
  me,
  permission,
  ...button
}: ButtonProps & { me: Me; permission: Permission }) {
  const { t } = useTranslation()
  const holders = useHoldersOf()
  if (has(me, permission)) return <Button {...button} />
  return (
    <Tooltip title={t('permissions.onlyRoles', { roles: holders(permission) })}>
      <Button {...button} disabled onClick={undefined} />
    </Tooltip>
  )
}
