import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { answer, client } from './client.js'
import type { MutationHandlers } from './mutation-handlers.js'
import type { BodyOf, DataRequestDetail } from './types.js'

export type NewRequest = BodyOf<'/api/v1/requests', 'post'>
/** A step of a request's handling, each with the body its path takes (DSR-1). */
export type RequestAction =
  | { path: 'assign'; body: BodyOf<'/api/v1/requests/{id}/assign', 'post'> }
  | { path: 'verify-identity'; body: BodyOf<'/api/v1/requests/{id}/verify-identity', 'post'> }
  | { path: 'refuse'; body: BodyOf<'/api/v1/requests/{id}/refuse', 'post'> }
  | { path: 'fulfil'; body: BodyOf<'/api/v1/requests/{id}/fulfil', 'post'> }

export const requestKeys = {
  all: ['requests'] as const,
  queue: (which: 'open' | 'all') => ['requests', which] as const,
  ofCustomer: (customerId: string) => ['requests', { customerId }] as const,
  one: (id: string) => ['request', id] as const,
}

/** The request queue: the open requests (soonest due first), or all of them. */
export function useRequestQueue(which: 'open' | 'all') {
  return useQuery({
    queryKey: requestKeys.queue(which),
    queryFn: () =>
      answer(
        client.GET('/api/v1/requests', {
          params: { query: which === 'open' ? { open: 'true' } : {} },
        }),
      ),
  })
}

export function useCustomerRequests(customerId: string) {
  return useQuery({
    queryKey: requestKeys.ofCustomer(customerId),
    queryFn: () => answer(client.GET('/api/v1/requests', { params: { query: { customerId } } })),
  })
}

/**
 * Requests just filed in this console, by id: the answer to the filing is
 * the opened request (and the server puts that opening on the trail), so the
 * page it opens on shows it instead of reading it a second time (issue 14:
 * one filing wrote two request.viewed). Held only while that page is open.
 */
const justFiled = new Map<string, DataRequestDetail>()

/** One request; every opening reads it once (each read is a request.viewed on the trail). */
export function useRequest(id: string) {
  const filed = justFiled.get(id)
  // Forgotten when the page closes: opening the request again reads it again.
  useEffect(() => () => void justFiled.delete(id), [id])
  return useQuery({
    queryKey: requestKeys.one(id),
    queryFn: () => answer(client.GET('/api/v1/requests/{id}', { params: { path: { id } } })),
    initialData: filed,
    // The filing's answer is as fresh as a read; the steps set the data they answer with.
    staleTime: filed ? Number.POSITIVE_INFINITY : 0,
  })
}

/** Takes in a customer's request; its due date is fixed by the server's working-day calendar. */
export function useFileRequest() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewRequest) => answer(client.POST('/api/v1/requests', { body })),
    onSuccess: (created) => {
      justFiled.set(created.id, created)
      return queries.invalidateQueries({ queryKey: requestKeys.all })
    },
  })
}

const act = async (id: string, action: RequestAction): Promise<DataRequestDetail> => {
  const params = { path: { id } }
  switch (action.path) {
    case 'assign':
      return answer(client.POST('/api/v1/requests/{id}/assign', { params, body: action.body }))
    case 'verify-identity':
      return answer(
        client.POST('/api/v1/requests/{id}/verify-identity', { params, body: action.body }),
      )
    case 'refuse':
      return answer(client.POST('/api/v1/requests/{id}/refuse', { params, body: action.body }))
    case 'fulfil':
      return answer(client.POST('/api/v1/requests/{id}/fulfil', { params, body: action.body }))
  }
}

/** One step of a request's handling; the answer is the request as it now stands. */
export function useRequestAction(
  id: string,
  handlers: MutationHandlers<DataRequestDetail, RequestAction>,
) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (action: RequestAction) => act(id, action),
    onSuccess: (updated, action) => {
      queries.setQueryData(requestKeys.one(id), updated)
      void queries.invalidateQueries({ queryKey: requestKeys.all })
      handlers.onSuccess?.(updated, action)
    },
    onError: handlers.onError,
  })
}
