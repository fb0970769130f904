import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client.js'
import type { Department, RoleGrant } from '../../api/types.js'

/** The roles with their names in the current language (from GET /roles). */
export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => api<{ items: RoleGrant[] }>('GET', '/roles'),
    staleTime: 60_000,
  })
}

export function useRoleNames(): (role: RoleGrant['code']) => string {
  const { i18n } = useTranslation()
  const roles = useRoles()
  const byCode = new Map((roles.data?.items ?? []).map((role) => [role.code, role.name]))
  return (role) => byCode.get(role)?.[i18n.language === 'en' ? 'en' : 'zh-CN'] ?? role
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => api<{ items: Department[] }>('GET', '/departments'),
  })
}
