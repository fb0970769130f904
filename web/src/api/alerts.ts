import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { MutationHandlers } from './mutation-handlers.js'
import type { SecurityAlert, StepsUnder } from './types.js'

export type AlertStatus = SecurityAlert['status']
export type AlertStep = StepsUnder<'/api/v1/alerts/{id}'>

export const alertKeys = {
  all: ['alerts'] as const,
  byStatus: (status: AlertStatus | 'all') => ['alerts', status] as const,
}

/** Security alerts of one status, or all of them (AUD-3). */
export function useAlerts(status: AlertStatus | 'all') {
  return useQuery({
    queryKey: alertKeys.byStatus(status),
    queryFn: () =>
      answer(
        client.GET('/api/v1/alerts', {
          params: { query: status === 'all' ? {} : { status } },
        }),
      ),
  })
}

/** Acknowledges or closes an alert, with an optional note. */
export function useHandleAlert(
  alert: SecurityAlert,
  handlers: MutationHandlers<unknown, { step: AlertStep; note: string }>,
) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ step, note }: { step: AlertStep; note: string }) => {
      const init = { params: { path: { id: alert.id } }, body: note ? { note } : {} }
      return answer(
        step === 'acknowledge'
          ? client.POST('/api/v1/alerts/{id}/acknowledge', init)
          : client.POST('/api/v1/alerts/{id}/close', init),
      )
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: alertKeys.all }),
    onError: handlers.onError,
  })
}
