import { useQuery } from '@tanstack/react-query'
import { api } from './client.js'
import type { Purpose } from './types.js'

/** The purposes of processing, with names in the current language (the server localises them). */
export function usePurposes() {
  return useQuery({
    queryKey: ['purposes'],
    queryFn: () => api<{ items: Purpose[] }>('GET', '/purposes'),
  })
}

/** A purpose's name by code, falling back to the code. */
export function usePurposeNames(): (code: string | null) => string {
  const purposes = usePurposes()
  const byCode = new Map((purposes.data?.items ?? []).map((p) => [p.code, p.name]))
  return (code) => (code ? (byCode.get(code) ?? code) : '')
}
