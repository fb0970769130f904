import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import { poolKeys } from './pool.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

type FollowUpsGet = paths['/api/v1/follow-ups']['get']
export type FollowUpsQuery = NonNullable<FollowUpsGet['parameters']['query']>
export type FollowUp =
  FollowUpsGet['responses'][200]['content']['application/json']['items'][number]
export type NewFollowUp = BodyOf<'/api/v1/follow-ups', 'post'>
export type FollowUpOutcome = BodyOf<'/api/v1/follow-ups/{id}/complete', 'post'>
export type FollowUpPurpose = FollowUp['purpose']
export type FollowUpResult = NonNullable<FollowUp['result']>

export const followUpsKeys = {
  all: ['follow-ups'] as const,
  list: (query: FollowUpsQuery) => ['follow-ups', 'list', query] as const,
}

/** Follow-ups of customers in the user's scope, soonest due first. */
export function useFollowUps(query: FollowUpsQuery) {
  return useQuery({
    queryKey: followUpsKeys.list(query),
    queryFn: () => answer(client.GET('/api/v1/follow-ups', { params: { query } })),
  })
}

/** Plan a follow-up of a customer. */
export function useCreateFollowUp() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewFollowUp) => answer(client.POST('/api/v1/follow-ups', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: followUpsKeys.all }),
  })
}

/** Mark a follow-up done with a result: the registration is renewed, the pool's clock restarts. */
export function useCompleteFollowUp() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FollowUpOutcome }) =>
      answer(client.POST('/api/v1/follow-ups/{id}/complete', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: followUpsKeys.all })
      void queries.invalidateQueries({ queryKey: poolKeys.all })
    },
  })
}
