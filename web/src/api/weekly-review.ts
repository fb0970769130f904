import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import { followUpsKeys } from './follow-ups.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

type Json<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: { content: { 'application/json': infer Body } } } }
}
  ? Body
  : never

type WeekGet = paths['/api/v1/weekly-review']['get']
export type WeekQuery = WeekGet['parameters']['query']
export type ReviewWeek = Json<'/api/v1/weekly-review'>
export type ReviewGrade = WeekQuery['grade']
export type NewReview = BodyOf<'/api/v1/weekly-review', 'post'>
export type PlanItem = NewReview['items'][number]
export type Confirmations = Json<'/api/v1/customers/{id}/confirmations'>
export type NewConfirmation = BodyOf<'/api/v1/customers/{id}/confirmations', 'post'>
export type ConfirmationMethod = NewConfirmation['method']
type DueGet = paths['/api/v1/confirmations/due']['get']
export type DueQuery = NonNullable<DueGet['parameters']['query']>
export type DueCustomer = Json<'/api/v1/confirmations/due'>['items'][number]

export const weeklyReviewKeys = {
  all: ['weekly-review'] as const,
  week: (query: WeekQuery) => ['weekly-review', 'week', query] as const,
  confirmations: (customerId: string) => ['weekly-review', 'confirmations', customerId] as const,
  due: (query: DueQuery) => ['weekly-review', 'due', query] as const,
}

/** A week of one grade: new, changed, stale, due for re-confirmation, missed; the recorded review. */
export function useReviewWeek(query: WeekQuery) {
  return useQuery({
    queryKey: weeklyReviewKeys.week(query),
    queryFn: () => answer(client.GET('/api/v1/weekly-review', { params: { query } })),
  })
}

/** Record the week's review with next week's plan items (made follow-ups). */
export function useRecordReview() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewReview) => answer(client.POST('/api/v1/weekly-review', { body })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: weeklyReviewKeys.all })
      void queries.invalidateQueries({ queryKey: followUpsKeys.all })
    },
  })
}

/** Add plan items to a recorded review. */
export function useAddPlanItems() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, items }: { id: string; items: PlanItem[] }) =>
      answer(
        client.POST('/api/v1/weekly-review/{id}/items', {
          params: { path: { id } },
          body: { items },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: weeklyReviewKeys.all })
      void queries.invalidateQueries({ queryKey: followUpsKeys.all })
    },
  })
}

/** A customer's re-confirmations and whether the record is due for one (DQ-2). */
export function useConfirmations(customerId: string) {
  return useQuery({
    queryKey: weeklyReviewKeys.confirmations(customerId),
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers/{id}/confirmations', {
          params: { path: { id: customerId } },
        }),
      ),
  })
}

/** Record that the customer confirmed their record: which fields, how. */
export function useConfirmCustomer(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewConfirmation) =>
      answer(
        client.POST('/api/v1/customers/{id}/confirmations', {
          params: { path: { id: customerId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: weeklyReviewKeys.all }),
  })
}

/** The customers in the user's scope due for re-confirmation. */
export function useDueConfirmations(query: DueQuery) {
  return useQuery({
    queryKey: weeklyReviewKeys.due(query),
    queryFn: () => answer(client.GET('/api/v1/confirmations/due', { params: { query } })),
  })
}
