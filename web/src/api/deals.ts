import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

export type NewDeal = BodyOf<'/api/v1/deals', 'post'>
export type DealChanges = BodyOf<'/api/v1/deals/{id}', 'patch'>
export type Deal =
  paths['/api/v1/deals/{id}']['get']['responses'][200]['content']['application/json']
export type DealSettings =
  paths['/api/v1/deals/settings']['get']['responses'][200]['content']['application/json']
export type DealStage = DealSettings['stages'][number]
export type CreditRule = Deal['split']['rule']
export type DealFilter = { stage?: string; customerId?: string }

export const dealKeys = {
  all: ['deals'] as const,
  list: (filter: DealFilter) => ['deals', 'list', filter] as const,
  one: (id: string) => ['deals', 'one', id] as const,
  settings: ['deals', 'settings'] as const,
}

/** The stages, the reasons a deal ends with and the split's shares, as the company configures them. */
export function useDealSettings() {
  return useQuery({
    queryKey: dealKeys.settings,
    queryFn: () => answer(client.GET('/api/v1/deals/settings')),
    staleTime: 5 * 60_000,
  })
}

/** The deals of the customers the user may see, by stage (the 小定 and 大定 registers) or customer. */
export function useDeals(filter: DealFilter = {}) {
  return useQuery({
    queryKey: dealKeys.list(filter),
    queryFn: () => answer(client.GET('/api/v1/deals', { params: { query: filter } })),
  })
}

export function useCreateDeal() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewDeal) => answer(client.POST('/api/v1/deals', { body })),
    onSettled: () => queries.invalidateQueries({ queryKey: dealKeys.all }),
  })
}

export function useChangeDeal() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DealChanges }) =>
      answer(client.PATCH('/api/v1/deals/{id}', { params: { path: { id } }, body })),
    onSettled: () => queries.invalidateQueries({ queryKey: dealKeys.all }),
  })
}
