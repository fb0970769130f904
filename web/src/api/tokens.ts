import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { MutationHandlers } from './mutation-handlers.js'
import type { ApiToken, BodyOf, CreatedToken } from './types.js'

export const tokenKeys = { all: ['tokens'] as const }

export type NewToken = BodyOf<'/api/v1/tokens', 'post'>

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.all, queryFn: () => answer(client.GET('/api/v1/tokens')) })
}

export function useRevokeToken(handlers: MutationHandlers<unknown, ApiToken>) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (token: ApiToken) =>
      answer(client.DELETE('/api/v1/tokens/{id}', { params: { path: { id: token.id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: tokenKeys.all }),
    onError: handlers.onError,
  })
}

/** Creates a token; the page shows its secret (once) before the list is read again. */
export function useCreateToken(handlers: MutationHandlers<CreatedToken, NewToken>) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewToken) => answer(client.POST('/api/v1/tokens', { body })),
    onSuccess: async (created, body) => {
      await handlers.onSuccess?.(created, body)
      await queries.invalidateQueries({ queryKey: tokenKeys.all })
    },
  })
}
