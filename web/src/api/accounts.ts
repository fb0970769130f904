import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { MutationHandlers } from './mutation-handlers.js'
import type { Account, BodyOf, StepsUnder } from './types.js'

export const accountKeys = { all: ['accounts'] as const }

export type NewAccount = BodyOf<'/api/v1/accounts', 'post'>
export type AccountChanges = BodyOf<'/api/v1/accounts/{id}', 'patch'>
/** What an administrator does to an account from its row. */
export type AccountStep = StepsUnder<'/api/v1/accounts/{id}'>

export function useAccounts() {
  return useQuery({
    queryKey: accountKeys.all,
    queryFn: () => answer(client.GET('/api/v1/accounts')),
  })
}

const createAccount = (body: NewAccount) => answer(client.POST('/api/v1/accounts', { body }))
const changeAccount = (id: string, body: AccountChanges) =>
  answer(client.PATCH('/api/v1/accounts/{id}', { params: { path: { id } }, body }))
type Saved = Awaited<ReturnType<typeof createAccount>> | Awaited<ReturnType<typeof changeAccount>>
export type AccountSave =
  | { account: null; body: NewAccount }
  | { account: Account; body: AccountChanges }

/** Creates an account, or changes the one given (a role grant may wait for approval, ACC-5). */
export function useSaveAccount(handlers: MutationHandlers<Saved, AccountSave> = {}) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (save: AccountSave): Promise<Saved> =>
      save.account ? changeAccount(save.account.id, save.body) : createAccount(save.body),
    onSuccess: async (saved, save) => {
      await handlers.onSuccess?.(saved, save)
      await queries.invalidateQueries({ queryKey: accountKeys.all })
    },
  })
}

const stepAccount = async (id: string, step: AccountStep) => {
  const params = { params: { path: { id } } }
  switch (step) {
    case 'disable':
      return answer(client.POST('/api/v1/accounts/{id}/disable', params))
    case 'enable':
      return answer(client.POST('/api/v1/accounts/{id}/enable', params))
    case 'password-reset':
      return answer(client.POST('/api/v1/accounts/{id}/password-reset', params))
    case 'two-factor-reset':
      return answer(client.POST('/api/v1/accounts/{id}/two-factor-reset', params))
  }
}

/** Disables, enables, or resets the password or two-factor of an account. */
export function useAccountStep(
  handlers: MutationHandlers<
    Awaited<ReturnType<typeof stepAccount>>,
    { account: Account; step: AccountStep }
  >,
) {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ account, step }: { account: Account; step: AccountStep }) =>
      stepAccount(account.id, step),
    onSuccess: (result, variables) => {
      void queries.invalidateQueries({ queryKey: accountKeys.all })
      handlers.onSuccess?.(result, variables)
    },
    onError: handlers.onError,
  })
}
