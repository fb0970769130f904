import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never

export type FeedbackForm = Json<paths['/api/v1/feedback-forms/{id}']['get']['responses'][200]>
export type FeedbackField = FeedbackForm['fields'][number]
export type FieldKind = FeedbackField['kind']
export type FormGrade = NonNullable<FeedbackForm['grade']>
export type SaveForm = BodyOf<'/api/v1/feedback-forms', 'post'>
export type Survey = Json<
  paths['/api/v1/feedback-surveys']['get']['responses'][200]
>['items'][number]
export type SurveyDetail = Json<paths['/api/v1/feedback-surveys/{id}']['get']['responses'][200]>
export type NewSurvey = BodyOf<'/api/v1/feedback-surveys', 'post'>
export type SurveyChannel = Survey['channel']
export type Exclusion = keyof Survey['excluded']
export type CustomerFeedback = Json<
  paths['/api/v1/customers/{id}/feedback']['get']['responses'][200]
>
export type FeedbackResponse = CustomerFeedback['items'][number]
export type NewResponse = BodyOf<'/api/v1/customers/{id}/feedback', 'post'>
export type RevealedResponse = Json<
  paths['/api/v1/feedback-responses/{id}/reveal']['post']['responses'][200]
>
export type Improvement = Json<
  paths['/api/v1/improvement-items']['get']['responses'][200]
>['items'][number]
export type NewImprovement = BodyOf<'/api/v1/improvement-items', 'post'>
export type ImprovementChange = BodyOf<'/api/v1/improvement-items/{id}', 'patch'>
export type ImprovementStatus = Improvement['status']
export type ImprovementKind = Improvement['kind']

export const feedbackKeys = {
  all: ['feedback'] as const,
  forms: (all: boolean) => ['feedback', 'forms', all] as const,
  surveys: ['feedback', 'surveys'] as const,
  survey: (id: string) => ['feedback', 'surveys', id] as const,
  ofCustomer: (customerId: string) => ['feedback', 'customer', customerId] as const,
  improvements: (overdue: boolean) => ['feedback', 'improvements', overdue] as const,
}

/** The feedback forms: their current versions, or every version. */
export function useFeedbackForms(all = false) {
  return useQuery({
    queryKey: feedbackKeys.forms(all),
    queryFn: () =>
      answer(
        client.GET('/api/v1/feedback-forms', {
          params: { query: { all: all ? 'true' : 'false' } },
        }),
      ),
  })
}

/** Build a form (version 1), or revise the current version of one (the next version). */
export function useSaveForm() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SaveForm }) =>
      id
        ? answer(client.PUT('/api/v1/feedback-forms/{id}', { params: { path: { id } }, body }))
        : answer(client.POST('/api/v1/feedback-forms', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: feedbackKeys.all }),
  })
}

export function useSurveys() {
  return useQuery({
    queryKey: feedbackKeys.surveys,
    queryFn: () => answer(client.GET('/api/v1/feedback-surveys')),
  })
}

export function useSurvey(id: string | null) {
  return useQuery({
    queryKey: feedbackKeys.survey(id ?? ''),
    enabled: id !== null,
    queryFn: () =>
      answer(client.GET('/api/v1/feedback-surveys/{id}', { params: { path: { id: id ?? '' } } })),
  })
}

/** Create a survey: only customers whose consent covers the channel are invited (CON-3). */
export function useCreateSurvey() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewSurvey) => answer(client.POST('/api/v1/feedback-surveys', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: feedbackKeys.all }),
  })
}

/** A customer's responses (answers masked), the forms for them and the surveys awaiting them. */
export function useCustomerFeedback(customerId: string) {
  return useQuery({
    queryKey: feedbackKeys.ofCustomer(customerId),
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers/{id}/feedback', { params: { path: { id: customerId } } }),
      ),
  })
}

export function useRecordResponse(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewResponse) =>
      answer(
        client.POST('/api/v1/customers/{id}/feedback', {
          params: { path: { id: customerId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: feedbackKeys.all }),
  })
}

/** The plain answers of one response, for a purpose: on the audit trail. */
export function useRevealResponse() {
  return useMutation({
    mutationFn: ({ id, purpose }: { id: string; purpose: string }) =>
      answer(
        client.POST('/api/v1/feedback-responses/{id}/reveal', {
          params: { path: { id } },
          body: { purpose },
        }),
      ),
  })
}

export function useImprovements(overdue: boolean) {
  return useQuery({
    queryKey: feedbackKeys.improvements(overdue),
    queryFn: () =>
      answer(
        client.GET('/api/v1/improvement-items', {
          params: { query: overdue ? { overdue: 'true' } : {} },
        }),
      ),
  })
}

export function useCreateImprovement() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewImprovement) =>
      answer(client.POST('/api/v1/improvement-items', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: feedbackKeys.all }),
  })
}

export function useChangeImprovement() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ImprovementChange }) =>
      answer(client.PATCH('/api/v1/improvement-items/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: feedbackKeys.all }),
  })
}
