import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { answer, client } from './client.js'
import { sessionKeys } from './session.js'
import type { Me, RoleGrant } from './types.js'

export const roleKeys = { all: ['roles'] as const }

/**
 * The roles and what each grants (GET /roles), asked only by those who may
 * read it: a refused request would be a denial on the audit trail.
 */
export function useRoles() {
  const me = useQueryClient().getQueryData<Me>(sessionKeys.me)
  return useQuery({
    queryKey: roleKeys.all,
    enabled: me?.permissions.includes('accounts.read') ?? false,
    queryFn: () => answer(client.GET('/api/v1/roles')),
    staleTime: 60_000,
  })
}

/**
 * A role's name in the current language: from GET /roles, or, for those who
 * may not read the grants table (the approvers), from the translations.
 */
export function useRoleNames(): (role: RoleGrant['code']) => string {
  const { t, i18n } = useTranslation()
  const roles = useRoles()
  const byCode = new Map((roles.data?.items ?? []).map((role) => [role.code, role.name]))
  return (role) =>
    byCode.get(role)?.[i18n.language === 'en' ? 'en' : 'zh-CN'] ?? t(`roleNames.${role}`)
}
