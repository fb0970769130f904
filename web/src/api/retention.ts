import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import { destructionKeys } from './destructions.js'
import type { MutationHandlers } from './mutation-handlers.js'
import type { BodyOf, RetentionReview } from './types.js'

export type PolicyChanges = BodyOf<'/api/v1/retention/policies/{code}', 'patch'>
/** What can be asked of a customer's retention: its destruction, or a legal hold (RET-2, RET-3). */
export type RetentionRequest =
  | { action: 'destruction'; body: BodyOf<'/api/v1/customers/{id}/destruction', 'post'> }
  | { action: 'legal-holds'; body: BodyOf<'/api/v1/customers/{id}/legal-holds', 'post'> }

export const retentionKeys = {
  policies: ['retention-policies'] as const,
  reviews: ['retention-reviews'] as const,
}

export function useRetentionPolicies() {
  return useQuery({
    queryKey: retentionKeys.policies,
    queryFn: () => answer(client.GET('/api/v1/retention/policies')),
  })
}

export function useChangePolicy(handlers: MutationHandlers<unknown, unknown>) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: PolicyChanges }) =>
      answer(
        client.PATCH('/api/v1/retention/policies/{code}', { params: { path: { code } }, body }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: retentionKeys.policies }),
    onError: handlers.onError,
  })
}

/** The customers whose retention has run out, waiting for a decision (RET-1). */
export function useOpenReviews() {
  return useQuery({
    queryKey: retentionKeys.reviews,
    queryFn: () =>
      answer(client.GET('/api/v1/retention/reviews', { params: { query: { status: 'open' } } })),
  })
}

const requestFor = async (customerId: string, request: RetentionRequest) => {
  const params = { path: { id: customerId } }
  return request.action === 'destruction'
    ? answer(client.POST('/api/v1/customers/{id}/destruction', { params, body: request.body }))
    : answer(client.POST('/api/v1/customers/{id}/legal-holds', { params, body: request.body }))
}

/** Keeps a customer past its review, or asks for its destruction (RET-1, RET-2). */
export function useDecideReview(
  handlers: MutationHandlers<unknown, { review: RetentionReview; keep: boolean }>,
) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: async ({ review, keep }: { review: RetentionReview; keep: boolean }) =>
      keep
        ? answer(
            client.POST('/api/v1/retention/reviews/{id}/keep', {
              params: { path: { id: review.id } },
            }),
          )
        : requestFor(review.customerId, {
            action: 'destruction',
            body: { reason: 'retention_expired' },
          }),
    onSuccess: (result, decision) => {
      void queries.invalidateQueries({ queryKey: retentionKeys.reviews })
      handlers.onSuccess?.(result, decision)
    },
    onError: handlers.onError,
  })
}

/** Asks for a customer's destruction or puts a legal hold on it. */
export function useRetentionRequest(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (request: RetentionRequest) => requestFor(customerId, request),
    onSuccess: () => queries.invalidateQueries({ queryKey: destructionKeys.all }),
  })
}
