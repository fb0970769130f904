import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError, type ApiErrorBody, answer, client } from '../../api/client.js'
import type { paths } from '../../api/schema.js'
import i18n from '../../i18n/index.js'

type ImportGet = paths['/api/v1/imports/{id}']['get']
export type ImportView = ImportGet['responses'][200]['content']['application/json']
export type ImportState = ImportView['state']
export type DuplicateHandling = ImportView['options']['duplicates']
export type CustomerKind = ImportView['options']['kind']
export type Encoding = NonNullable<ImportView['encoding']>
type ErrorsGet = paths['/api/v1/imports/{id}/errors']['get']
export type ImportProblem =
  ErrorsGet['responses'][200]['content']['application/json']['items'][number]

/** What the upload step sends in the `options` part (the mapping comes later, PUT …/mapping). */
export type UploadOptions = {
  kind: CustomerKind
  source?: string
  duplicates: DuplicateHandling
  encoding?: Encoding
}

/** The states in which the server works on the import by itself: the page asks again every second. */
export const BUSY_STATES: readonly ImportState[] = ['validating', 'importing']
export const ENDED_STATES: readonly ImportState[] = ['done', 'failed', 'cancelled']

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
  /** The server words problems and failures in the reader's language: one answer per language. */
  one: (id: string, language: string) => ['imports', 'one', id, language] as const,
  errors: (id: string, language: string) => ['imports', 'errors', id, language] as const,
}

/** The caller's latest imports (GET /imports), to reopen one. */
export function useImports() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: () => answer(client.GET('/api/v1/imports')),
  })
}

/** One import, asked again every second while the dry run or the run goes on. */
export function useImport(id: string | undefined) {
  const { i18n } = useTranslation()
  return useQuery({
    queryKey: importKeys.one(id ?? '', i18n.language),
    enabled: !!id,
    queryFn: () =>
      answer(client.GET('/api/v1/imports/{id}', { params: { path: { id: id as string } } })),
    refetchInterval: (query) =>
      query.state.data && BUSY_STATES.includes(query.state.data.state) ? 1000 : false,
  })
}

/** The per-row report, a page of rows at a time (`next` is the row to ask after). */
export function useImportErrors(id: string, enabled: boolean) {
  const { i18n } = useTranslation()
  return useInfiniteQuery({
    queryKey: importKeys.errors(id, i18n.language),
    enabled,
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      answer(
        client.GET('/api/v1/imports/{id}/errors', {
          params: { path: { id }, query: { after: pageParam, limit: 200 } },
        }),
      ),
    getNextPageParam: (page) => page.next ?? undefined,
  })
}

/** The whole report as CSV, headed in the reader's language: a download with the session cookie. */
export function errorsCsvUrl(id: string, language: string): string {
  const lang = language === 'en' ? 'en' : 'zh-CN'
  return `/api/v1/imports/${encodeURIComponent(id)}/errors?format=csv&language=${lang}`
}

/**
 * The upload: multipart, the `options` part (JSON) before the `file` part,
 * as the server reads them. openapi-fetch speaks JSON, so this is a plain
 * fetch that turns a refusal into the same ApiError as every other call.
 */
async function upload(file: File, options: UploadOptions): Promise<ImportView> {
  const form = new FormData()
  form.append('options', JSON.stringify(options))
  form.append('file', file, file.name)
  const response = await fetch('/api/v1/imports', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'accept-language': i18n.language },
  })
  const body = (await response.json().catch(() => undefined)) as
    | ImportView
    | { error?: ApiErrorBody }
    | undefined
  if (!response.ok) {
    const error = (body as { error?: ApiErrorBody } | undefined)?.error
    throw new ApiError(
      response.status,
      error ?? { code: 'INTERNAL', message: i18n.t('imports.uploadFailed') },
    )
  }
  return body as ImportView
}

/** Puts a fresh answer about an import in the cache, and has the list read again. */
function useSettle() {
  const queries = useQueryClient()
  return async (view: ImportView) => {
    queries.setQueryData(importKeys.one(view.id, i18n.language), view)
    await queries.invalidateQueries({ queryKey: ['imports', 'errors', view.id] })
    await queries.invalidateQueries({ queryKey: importKeys.list() })
  }
}

export function useUploadImport() {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({ file, options }: { file: File; options: UploadOptions }) =>
      upload(file, options),
    onSuccess: settle,
  })
}

export function useSetMapping(id: string) {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: { mapping: (string | null)[]; duplicates?: DuplicateHandling }) =>
      answer(client.PUT('/api/v1/imports/{id}/mapping', { params: { path: { id } }, body })),
    onSuccess: settle,
  })
}

export function useRunImport(id: string) {
  const settle = useSettle()
  return useMutation({
    mutationFn: () => answer(client.POST('/api/v1/imports/{id}/run', { params: { path: { id } } })),
    onSuccess: settle,
  })
}

export function useCancelImport(id: string) {
  const settle = useSettle()
  return useMutation({
    mutationFn: () =>
      answer(client.POST('/api/v1/imports/{id}/cancel', { params: { path: { id } } })),
    onSuccess: settle,
  })
}
