import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { approvalKeys } from './approval-keys.js'
import { answer, client } from './client.js'
import type { paths } from './schema.js'
import type { BodyOf } from './types.js'

export type NewExport = BodyOf<'/api/v1/exports', 'post'>
export type ExportFilter = NonNullable<NewExport['filter']>
export type ExportView =
  paths['/api/v1/exports/{id}']['get']['responses'][200]['content']['application/json']
export type ExportState = ExportView['state']

export const exportsKeys = {
  all: ['exports'] as const,
  one: (id: string) => ['exports', id] as const,
}

/** One of the caller's exports: what it holds and its state (issue 18 §2). */
export function useExport(id: string) {
  return useQuery({
    queryKey: exportsKeys.one(id),
    queryFn: () => answer(client.GET('/api/v1/exports/{id}', { params: { path: { id } } })),
    // A plain export waits for a second person: its state is read again now and then.
    refetchInterval: (query) => (query.state.data?.state === 'awaiting_approval' ? 15_000 : false),
  })
}

/** Asks for an export; a plain one files a request in the approvals queue (ACC-5). */
export function useRequestExport() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewExport) => answer(client.POST('/api/v1/exports', { body })),
    onSuccess: (created) => {
      queries.setQueryData(exportsKeys.one(created.id), created)
      void queries.invalidateQueries({ queryKey: approvalKeys.all })
    },
  })
}

/** The file: a download the server makes when asked (and audits), headed in `language`. */
export function exportFileUrl(id: string, language: 'zh-CN' | 'en'): string {
  return `/api/v1/exports/${encodeURIComponent(id)}/file?${new URLSearchParams({ language })}`
}
