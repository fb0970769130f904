import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { accountKeys } from './accounts.js'
import { approvalKeys } from './approval-keys.js'
import { catalogueKeys } from './catalogue.js'
import { answer, client } from './client.js'
import type { MutationHandlers } from './mutation-handlers.js'
import { purposeKeys } from './purposes.js'
import type { Approval, DecidedApproval, Me, StepsUnder } from './types.js'

export type ApprovalStatus = Approval['status']
export type ApprovalStep = StepsUnder<'/api/v1/approvals/{id}'>

export { approvalKeys }

export function useApprovals(status: ApprovalStatus) {
  return useQuery({
    queryKey: approvalKeys.byStatus(status),
    queryFn: () => answer(client.GET('/api/v1/approvals', { params: { query: { status } } })),
  })
}

/** The pending changes of one kind, for listing them and marking the rows they concern. */
export function usePendingChanges(kind: string, me: Me) {
  return useQuery({
    queryKey: approvalKeys.byKind(kind),
    enabled: me.permissions.includes('approvals.review'),
    queryFn: () =>
      answer(client.GET('/api/v1/approvals', { params: { query: { kind } } })).then((r) => r.items),
  })
}

type Decision = { id: string; step: ApprovalStep; note?: string }

/** Approves or rejects a request; what it applied (accounts, catalogue, purposes) is read again. */
export function useDecideApproval(handlers: MutationHandlers<DecidedApproval, Decision> = {}) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, step, note }: Decision) => {
      const params = { path: { id } }
      const body = note ? { note } : {}
      return answer(
        step === 'approve'
          ? client.POST('/api/v1/approvals/{id}/approve', { params, body })
          : // The form asks a rejection for its note; the server words a missing one in the user's language.
            client.POST('/api/v1/approvals/{id}/reject', {
              params,
              body: body as { note: string },
            }),
      )
    },
    onSuccess: async (decided, decision) => {
      await handlers.onSuccess?.(decided, decision)
      await queries.invalidateQueries({ queryKey: approvalKeys.all })
      await queries.invalidateQueries({ queryKey: accountKeys.all })
      await queries.invalidateQueries({ queryKey: catalogueKeys.all })
      await queries.invalidateQueries({ queryKey: purposeKeys.all })
    },
  })
}
