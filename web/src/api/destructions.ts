import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { MutationHandlers } from './mutation-handlers.js'
import type { Destruction, StepsUnder } from './types.js'

export type DestructionStatus = Destruction['status']
export type DestructionStep = StepsUnder<'/api/v1/destructions/{id}'>

export const destructionKeys = {
  all: ['destructions'] as const,
  byStatus: (status: DestructionStatus | 'all') => ['destructions', status] as const,
}

/** Destructions of one status, or all of them (RET-2). */
export function useDestructions(status: DestructionStatus | 'all') {
  return useQuery({
    queryKey: destructionKeys.byStatus(status),
    queryFn: () =>
      answer(
        client.GET('/api/v1/destructions', {
          params: { query: status === 'all' ? {} : { status } },
        }),
      ),
  })
}

/** A second person approves (the customer is shredded) or rejects a destruction (ACC-5). */
export function useDecideDestruction(
  handlers: MutationHandlers<unknown, { id: string; step: DestructionStep }>,
) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, step }: { id: string; step: DestructionStep }) => {
      const init = { params: { path: { id } } }
      return answer(
        step === 'approve'
          ? client.POST('/api/v1/destructions/{id}/approve', init)
          : client.POST('/api/v1/destructions/{id}/reject', init),
      )
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: destructionKeys.all }),
    onError: handlers.onError,
  })
}
