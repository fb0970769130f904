import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import { customerKeys } from './customers.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

/*
 * Entry review (CUS-4), the duplicate check at entry, and whose customer it
 * is (CUS-5): the hooks of the review queue, the customer page's review
 * and attribution actions, and the entry form's duplicate check.
 */

export type DuplicateCheck = BodyOf<'/api/v1/customers/duplicate-check', 'post'>
export type DuplicateMatch =
  paths['/api/v1/customers/duplicate-check']['post']['responses'][200]['content']['application/json']['matches'][number]
export type LikelyDuplicate =
  paths['/api/v1/customers/duplicate-check']['post']['responses'][200]['content']['application/json']['likely'][number]
export type Attribution =
  paths['/api/v1/customers/{id}/attribution']['get']['responses'][200]['content']['application/json']
export type TransferReason = BodyOf<'/api/v1/customers/{id}/transfer', 'post'>['reason']

export const entryKeys = {
  counts: ['customers', 'review-counts'] as const,
  attribution: (id: string) => ['customer', id, 'attribution'] as const,
}

/** How many entries in the user's reach are drafts, waiting for review, or sent back. */
export function useReviewCounts() {
  return useQuery({
    queryKey: entryKeys.counts,
    queryFn: () => answer(client.GET('/api/v1/customers/review-counts')),
  })
}

export function useAttribution(id: string) {
  return useQuery({
    queryKey: entryKeys.attribution(id),
    queryFn: () =>
      answer(client.GET('/api/v1/customers/{id}/attribution', { params: { path: { id } } })),
  })
}

export function useDuplicateCheck() {
  return useMutation({
    mutationFn: (body: DuplicateCheck) =>
      answer(client.POST('/api/v1/customers/duplicate-check', { body })),
  })
}

/** After a review step or an owner change, the record, its history and the queue are stale. */
function useRefreshCustomer() {
  const queries = useQueryClient()
  return (id: string) =>
    Promise.all([
      queries.invalidateQueries({ queryKey: customerKeys.one(id) }),
      queries.invalidateQueries({ queryKey: entryKeys.attribution(id) }),
      queries.invalidateQueries({ queryKey: customerKeys.all }),
    ])
}

type ReviewStep =
  | { step: 'submit'; id: string }
  | { step: 'approve'; id: string }
  | { step: 'reject'; id: string; reason: string }

/** Submit a draft, approve or reject a submitted record. */
export function useReviewStep() {
  const refresh = useRefreshCustomer()
  return useMutation({
    mutationFn: (asked: ReviewStep) => {
      const path = { params: { path: { id: asked.id } } }
      if (asked.step === 'submit') return answer(client.POST('/api/v1/customers/{id}/submit', path))
      if (asked.step === 'approve') {
        return answer(client.POST('/api/v1/customers/{id}/approve', path))
      }
      return answer(
        client.POST('/api/v1/customers/{id}/reject', { ...path, body: { reason: asked.reason } }),
      )
    },
    onSuccess: (_answer, asked) => refresh(asked.id),
  })
}

type OwnerStep =
  | { step: 'transfer'; id: string; toOwnerId: string; reason: TransferReason }
  | { step: 'wish'; id: string; toOwnerId: string }

/** A manager's transfer with a reason, or the customer's wish to be served by a colleague. */
export function useOwnerStep() {
  const refresh = useRefreshCustomer()
  return useMutation({
    mutationFn: (asked: OwnerStep) => {
      const path = { params: { path: { id: asked.id } } }
      if (asked.step === 'wish') {
        return answer(
          client.POST('/api/v1/customers/{id}/wish', {
            ...path,
            body: { toOwnerId: asked.toOwnerId },
          }),
        )
      }
      return answer(
        client.POST('/api/v1/customers/{id}/transfer', {
          ...path,
          body: { toOwnerId: asked.toOwnerId, reason: asked.reason },
        }),
      )
    },
    onSuccess: (_answer, asked) => refresh(asked.id),
  })
}

/** The active staff of the user's department, to name one (a transfer, a customer's wish). */
export function useColleagues() {
  return useQuery({
    queryKey: ['colleagues'],
    queryFn: () => answer(client.GET('/api/v1/colleagues')),
    staleTime: 60_000,
  })
}

export type AttributionSettings =
  paths['/api/v1/customers/attribution-settings']['get']['responses'][200]['content']['application/json']
export type ReviewRule =
  paths['/api/v1/customers/review-rules']['get']['responses'][200]['content']['application/json']['rules'][number]
export type ReviewRuleChange = BodyOf<'/api/v1/customers/review-rules', 'put'>

const settingsKeys = {
  attribution: ['settings', 'attribution'] as const,
  reviewRules: ['settings', 'review-rules'] as const,
}

/** The registration validity (建档有效期), what renews it, how long a rejected draft is kept. */
export function useAttributionSettings() {
  return useQuery({
    queryKey: settingsKeys.attribution,
    queryFn: () => answer(client.GET('/api/v1/customers/attribution-settings')),
  })
}

export function useSaveAttributionSettings() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: AttributionSettings) =>
      answer(client.PUT('/api/v1/customers/attribution-settings', { body })),
    onSuccess: (saved) => queries.setQueryData(settingsKeys.attribution, saved),
  })
}

/** Which new records need review, by department and source. */
export function useReviewRules() {
  return useQuery({
    queryKey: settingsKeys.reviewRules,
    queryFn: () => answer(client.GET('/api/v1/customers/review-rules')),
  })
}

/** Sets one rule: on at once (applied), off only once a second person approves (pending_approval). */
export function useSetReviewRule() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: ReviewRuleChange) =>
      answer(client.PUT('/api/v1/customers/review-rules', { body })),
    onSettled: () => queries.invalidateQueries({ queryKey: settingsKeys.reviewRules }),
  })
}
