import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'

export type Notification =
  paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json']['items'][number]

export const notificationsKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
  address: ['notifications', 'address'] as const,
}

/** The user's notifications, newest first, with the number unread; checked every half minute. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationsKeys.list,
    queryFn: () => answer(client.GET('/api/v1/notifications', { params: { query: {} } })),
    refetchInterval: 30_000,
  })
}

/** Mark one of the user's notifications read. */
export function useReadNotification() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      answer(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: notificationsKeys.all }),
  })
}

/** Where the user receives notifications by e-mail, and whether the server sends e-mail at all. */
export function useNotificationAddress() {
  return useQuery({
    queryKey: notificationsKeys.address,
    queryFn: () => answer(client.GET('/api/v1/notifications/address')),
  })
}

/** Set (or, with null, remove) the user's address for notifications by e-mail. */
export function useSaveNotificationAddress() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (email: string | null) =>
      answer(client.PUT('/api/v1/notifications/address', { body: { email } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: notificationsKeys.address }),
  })
}
