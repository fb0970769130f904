import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

type FormPath = paths['/api/v1/customers/{id}/tracking-form']
export type TrackingForm = FormPath['get']['responses'][200]['content']['application/json']
export type TrackingField = TrackingForm['fields'][number]
export type TrackingFieldKind = TrackingField['kind']
export type TrackingFormUpdate = BodyOf<'/api/v1/customers/{id}/tracking-form', 'put'>
export type RevealedTrackingForm =
  paths['/api/v1/customers/{id}/tracking-form/reveal']['post']['responses'][200]['content']['application/json']
type FormsGet = paths['/api/v1/tracking-forms']['get']
export type TrackingFormsQuery = NonNullable<FormsGet['parameters']['query']>
export type TrackingFormRow =
  FormsGet['responses'][200]['content']['application/json']['items'][number]
type ReportsGet = paths['/api/v1/daily-reports']['get']
export type DailyReportsQuery = NonNullable<ReportsGet['parameters']['query']>
export type DailyReport =
  ReportsGet['responses'][200]['content']['application/json']['items'][number]
export type DailyReportCounts = DailyReport['counts']
export type NewDailyReport = BodyOf<'/api/v1/daily-reports', 'post'>
export type DailyReportReview = BodyOf<'/api/v1/daily-reports/{id}/review', 'post'>

export const trackingKeys = {
  all: ['tracking'] as const,
  form: (customerId: string) => ['tracking', 'form', customerId] as const,
  forms: (query: TrackingFormsQuery) => ['tracking', 'forms', query] as const,
  settings: ['tracking', 'settings'] as const,
}

export const dailyReportKeys = {
  all: ['daily-reports'] as const,
  today: ['daily-reports', 'today'] as const,
  list: (query: DailyReportsQuery) => ['daily-reports', 'list', query] as const,
}

/** A customer's tracking form (客户追踪表): fields, values masked, history and checks. */
export function useTrackingForm(customerId: string) {
  return useQuery({
    queryKey: trackingKeys.form(customerId),
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers/{id}/tracking-form', {
          params: { path: { id: customerId } },
        }),
      ),
  })
}

/** A new version of the form: only the fields that change. */
export function useUpdateTrackingForm(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: TrackingFormUpdate) =>
      answer(
        client.PUT('/api/v1/customers/{id}/tracking-form', {
          params: { path: { id: customerId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: trackingKeys.all }),
  })
}

/** A supervisor's check of the form, with a comment. */
export function useCheckTrackingForm(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (comment: string) =>
      answer(
        client.POST('/api/v1/customers/{id}/tracking-form/checks', {
          params: { path: { id: customerId } },
          body: { comment },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: trackingKeys.all }),
  })
}

/** The plain values and comments, for a stated purpose (audited). */
export function useRevealTrackingForm(customerId: string) {
  return useMutation({
    mutationFn: (purpose: string) =>
      answer(
        client.POST('/api/v1/customers/{id}/tracking-form/reveal', {
          params: { path: { id: customerId } },
          body: { purpose },
        }),
      ),
  })
}

/** The A and B customers in scope with their form's state (supervisors). */
export function useTrackingForms(query: TrackingFormsQuery) {
  return useQuery({
    queryKey: trackingKeys.forms(query),
    queryFn: () => answer(client.GET('/api/v1/tracking-forms', { params: { query } })),
  })
}

/** The user's counts of the day so far, and the day's report once submitted. */
export function useDailyReportToday() {
  return useQuery({
    queryKey: dailyReportKeys.today,
    queryFn: () => answer(client.GET('/api/v1/daily-reports/today')),
  })
}

/** Daily reports: the user's own, or the department's. */
export function useDailyReports(query: DailyReportsQuery, enabled = true) {
  return useQuery({
    queryKey: dailyReportKeys.list(query),
    queryFn: () => answer(client.GET('/api/v1/daily-reports', { params: { query } })),
    enabled,
  })
}

/** Submit (or amend, before review) today's report. */
export function useSubmitDailyReport() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewDailyReport) => answer(client.POST('/api/v1/daily-reports', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: dailyReportKeys.all }),
  })
}

/** Review a report of the department, which locks it. */
export function useReviewDailyReport() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DailyReportReview }) =>
      answer(client.POST('/api/v1/daily-reports/{id}/review', { params: { path: { id } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: dailyReportKeys.all }),
  })
}

export type TrackingSettings =
  paths['/api/v1/tracking-forms/settings']['get']['responses'][200]['content']['application/json']
export type TrackingSettingsInput = BodyOf<'/api/v1/tracking-forms/settings', 'put'>

/** The form's fields and after how many days a form is stale. */
export function useTrackingSettings() {
  return useQuery({
    queryKey: trackingKeys.settings,
    queryFn: () => answer(client.GET('/api/v1/tracking-forms/settings')),
  })
}

/** Replace the fields and periods (settings.manage). */
export function useSaveTrackingSettings() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: TrackingSettingsInput) =>
      answer(client.PUT('/api/v1/tracking-forms/settings', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: trackingKeys.all }),
  })
}
