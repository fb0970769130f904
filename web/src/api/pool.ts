import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'

export const poolKeys = {
  all: ['pool'] as const,
  list: ['pool', 'list'] as const,
  returning: ['pool', 'returning'] as const,
  settings: ['pool', 'settings'] as const,
}

/** The pool (公海) of the user's department, masked, with today's remaining picks. */
export function usePool() {
  return useQuery({
    queryKey: poolKeys.list,
    queryFn: () => answer(client.GET('/api/v1/pool', { params: { query: {} } })),
    refetchInterval: 30_000,
  })
}

/** The user's own customers about to return to the pool, soonest first. */
export function useReturning() {
  return useQuery({
    queryKey: poolKeys.returning,
    queryFn: () => answer(client.GET('/api/v1/pool/returning')),
  })
}

/** The pool's rules per grade and its limits. */
export function usePoolSettings() {
  return useQuery({
    queryKey: poolKeys.settings,
    queryFn: () => answer(client.GET('/api/v1/pool/settings')),
  })
}

/** Pick a customer from the pool: the user becomes its owner. */
export function usePick() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (customerId: string) =>
      answer(client.POST('/api/v1/pool/{customerId}/pick', { params: { path: { customerId } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: poolKeys.all }),
  })
}
