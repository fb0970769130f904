import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { BodyOf } from './types.js'

export type NewNotice = BodyOf<'/api/v1/notices', 'post'>

export const noticeKeys = { all: ['notices'] as const }

/** Every published version of the privacy notice (CON-1). */
export function useNotices() {
  return useQuery({
    queryKey: noticeKeys.all,
    queryFn: () => answer(client.GET('/api/v1/notices')),
  })
}

export function usePublishNotice() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewNotice) => answer(client.POST('/api/v1/notices', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: noticeKeys.all }),
  })
}
