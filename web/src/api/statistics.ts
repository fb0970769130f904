import { useQuery } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'

type VisitsCallsGet = paths['/api/v1/statistics/visits-calls']['get']
export type VisitsCallsQuery = NonNullable<VisitsCallsGet['parameters']['query']>
export type VisitsCalls = VisitsCallsGet['responses'][200]['content']['application/json']
export type Counts = VisitsCalls['totals']
export type CountName = keyof Counts
export type Period = NonNullable<VisitsCallsQuery['period']>

export const statisticsKeys = {
  all: ['statistics'] as const,
  visitsCalls: (query: VisitsCallsQuery) => ['statistics', 'visits-calls', query] as const,
}

/** The visit-and-call statistics of a range, for the user's reach (RPT-1). */
export function useVisitsCalls(query: VisitsCallsQuery) {
  return useQuery({
    queryKey: statisticsKeys.visitsCalls(query),
    queryFn: () => answer(client.GET('/api/v1/statistics/visits-calls', { params: { query } })),
  })
}

/** The workbook of the same range: a download the server makes (and audits), headed in `language`. */
export function visitsCallsExportUrl(query: VisitsCallsQuery, language: 'zh-CN' | 'en'): string {
  const params = new URLSearchParams({ language })
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value))
  return `/api/v1/statistics/visits-calls/export?${params}`
}
