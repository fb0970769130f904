import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { BodyOf } from './types.js'

export type NewConsent = BodyOf<'/api/v1/customers/{id}/consents', 'post'>

export const consentKeys = {
  ofCustomer: (customerId: string) => ['consents', customerId] as const,
}

/** A customer's consents: the standing decision per purpose and the ledger (CON-2). */
export function useConsents(customerId: string) {
  return useQuery({
    queryKey: consentKeys.ofCustomer(customerId),
    queryFn: () =>
      answer(
        client.GET('/api/v1/customers/{id}/consents', { params: { path: { id: customerId } } }),
      ),
  })
}

export function useRecordConsent(customerId: string) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewConsent) =>
      answer(
        client.POST('/api/v1/customers/{id}/consents', {
          params: { path: { id: customerId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: consentKeys.ofCustomer(customerId) }),
  })
}
