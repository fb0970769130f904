import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

export type NewInteraction = BodyOf<'/api/v1/customers/{id}/interactions', 'post'>
export type Interaction =
  paths['/api/v1/customers/{id}/interactions']['post']['responses'][201]['content']['application/json']
export type Timeline =
  paths['/api/v1/customers/{id}/timeline']['get']['responses'][200]['content']['application/json']
export type TimelineEntry = Timeline['entries'][number]
export type InteractionChannel = Interaction['channel']
export type InteractionDirection = Interaction['direction']
export type RevealedInteraction =
  paths['/api/v1/interactions/{id}/reveal']['post']['responses'][200]['content']['application/json']

export const interactionKeys = {
  all: ['interactions'] as const,
  ofCustomer: (customerId: string) => ['interactions', 'customer', customerId] as const,
  timeline: (customerId: string) => ['interactions', 'timeline', customerId] as const,
}

/** A customer's interactions, notes masked, and the outcomes as the company names them. */
export function useInteractions(customerId: string) {
  return useQuery({
    queryKey: interactionKeys.ofCustomer(customerId),
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers/{id}/interactions', {
          params: { path: { id: customerId }, query: {} },
        }),
      ),
  })
}

/** A customer's timeline: interactions, deal stages, consents and requests as the user may see them. */
export function useTimeline(customerId: string) {
  return useQuery({
    queryKey: interactionKeys.timeline(customerId),
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers/{id}/timeline', { params: { path: { id: customerId } } }),
      ),
  })
}

export function useLogInteraction(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewInteraction) =>
      answer(
        client.POST('/api/v1/customers/{id}/interactions', {
          params: { path: { id: customerId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: interactionKeys.all }),
  })
}

/** The plain note and next step of one interaction, for a purpose: on the audit trail. */
export function useRevealInteraction() {
  return useMutation({
    mutationFn: ({ id, purpose }: { id: string; purpose: string }) =>
      answer(
        client.POST('/api/v1/interactions/{id}/reveal', {
          params: { path: { id } },
          body: { purpose },
        }),
      ),
  })
}
