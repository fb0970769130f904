import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { paths } from './schema.js'

/** What the audit trail can be filtered by (the query of GET /audit/events). */
export type AuditFilter = NonNullable<paths['/api/v1/audit/events']['get']['parameters']['query']>

export const auditKeys = {
  /** Everything read from the trail: a reveal puts a new event on it. */
  all: ['audit'] as const,
  events: (query: string) => ['audit', query] as const,
  checkpoint: ['audit', 'checkpoint'] as const,
}

/** Audit events matching a filter, newest first, 50 at a time (AUD-4). */
export function useAuditEvents(filter: Record<string, string | undefined>) {
  const params = new URLSearchParams({ limit: '50' })
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value)
  const query = Object.fromEntries(params) as AuditFilter
  return useQuery({
    queryKey: auditKeys.events(params.toString()),
    queryFn: () => answer(client.GET('/api/v1/audit/events', { params: { query } })),
  })
}

export function useLatestCheckpoint() {
  return useQuery({
    queryKey: auditKeys.checkpoint,
    queryFn: () => answer(client.GET('/api/v1/audit/checkpoints/latest')),
  })
}

/**
 * Verifies the whole trail: run when asked, not on every visit. The latest
 * checkpoint is read again with it, so the count of signed events shown
 * beside the result is as of the verification, not of the page's opening.
 */
export function useTrailVerification() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: () => answer(client.GET('/api/v1/audit/verify')),
    onSuccess: () => queries.invalidateQueries({ queryKey: auditKeys.checkpoint }),
  })
}
