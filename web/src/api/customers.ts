import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { auditKeys } from './audit.js'
import { answer, client } from './client.js'
import type { paths } from './schema.js'
import type { BodyOf, CustomerView } from './types.js'

/** What the customer list can be searched by (the query of GET /customers). */
export type CustomerSearch = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>
type NewCustomer = BodyOf<'/api/v1/customers', 'post'>
type CustomerChanges = BodyOf<'/api/v1/customers/{id}', 'patch'>
export type RevealBody = BodyOf<'/api/v1/customers/{id}/reveal', 'post'>

/** The plain values of a reveal, and how long they may be shown (ACC-2). */
export type RevealedValues =
  paths['/api/v1/customers/{id}/reveal']['post']['responses'][200]['content']['application/json']

export const customerKeys = {
  all: ['customers'] as const,
  list: (search: Record<string, string | undefined>) => ['customers', search] as const,
  recent: ['customers', 'recent'] as const,
  one: (id: string) => ['customer', id] as const,
}

/**
 * The personal fields a list of customers shows: the server opens only these
 * (issue 15), so a page of twenty decrypts forty values, not three hundred.
 */
const LISTED_FIELDS = 'name,mobile'

/** The customer list, 20 at a time, by the search given (CUS-3). */
export function useCustomers(search: Record<string, string | undefined>) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20', fields: LISTED_FIELDS })
      for (const [key, value] of Object.entries(search)) if (value) params.set(key, value)
      if (pageParam) params.set('cursor', pageParam)
      const query = Object.fromEntries(params) as CustomerSearch
      return answer(client.GET('/api/v1/customers', { params: { query } }))
    },
    getNextPageParam: (last) => last.nextCursor,
  })
}

/** The five customers last changed, for the dashboard. */
export function useRecentCustomers() {
  return useQuery({
    queryKey: customerKeys.recent,
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers', { params: { query: { limit: 5, fields: LISTED_FIELDS } } }),
      ),
  })
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.one(id),
    queryFn: () => answer(client.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
  })
}

/**
 * Creates a customer. The form builds the body from the field catalogue,
 * which the server's schema checks field by field, so it is typed here.
 */
export function useCreateCustomer() {
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      answer(client.POST('/api/v1/customers', { body: body as NewCustomer })),
  })
}

/** Changes a customer; the answer is the record as the caller now sees it. */
export function useUpdateCustomer(id: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (changes: Record<string, unknown>) =>
      answer(
        client.PATCH('/api/v1/customers/{id}', {
          params: { path: { id } },
          body: changes as CustomerChanges,
        }),
      ),
    onSuccess: (saved: CustomerView) => queries.setQueryData(customerKeys.one(id), saved),
  })
}

/** Reveals fields for a purpose (ACC-2); the reveal is on the trail, so the trail is read again. */
export function useRevealCustomer(id: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: RevealBody) =>
      answer(client.POST('/api/v1/customers/{id}/reveal', { params: { path: { id } }, body })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: auditKeys.all }),
  })
}
