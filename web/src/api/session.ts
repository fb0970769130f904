import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, answer, client } from './client.js'
import type { BodyOf } from './types.js'

export const sessionKeys = {
  /** Who is signed in: kept across a sign-out (as null), every other answer is dropped. */
  me: ['me'] as const,
}

export type Credentials = BodyOf<'/api/v1/auth/login', 'post'>
export type PasswordChangeBody = BodyOf<'/api/v1/auth/password', 'post'>

/** The signed-in user, or null when no one is (401). */
export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async () => {
      try {
        return await answer(client.GET('/api/v1/me'))
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }
    },
  })
}

export const signIn = (credentials: Credentials) =>
  answer(client.POST('/api/v1/auth/login', { body: credentials }))

/** Signs out; nothing of the session stays in memory: every cached answer goes. */
export function useSignOut() {
  const queries = useQueryClient()
  return async () => {
    await answer(client.POST('/api/v1/auth/logout')).catch(() => undefined)
    queries.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.me[0] })
    queries.setQueryData(sessionKeys.me, null)
  }
}

export const changePassword = (body: PasswordChangeBody) =>
  answer(client.POST('/api/v1/auth/password', { body }))

/** Asks who is signed in again (after signing in, changing the password, enrolling two-factor). */
export function useRefreshMe() {
  const queries = useQueryClient()
  return () => queries.invalidateQueries({ queryKey: sessionKeys.me })
}

export function useTotpEnrolment() {
  return useMutation({ mutationFn: () => answer(client.POST('/api/v1/auth/totp/enrol')) })
}

export function useTotpConfirmation() {
  const refresh = useRefreshMe()
  return useMutation({
    mutationFn: (code: string) =>
      answer(client.POST('/api/v1/auth/totp/confirm', { body: { code } })),
    onSuccess: refresh,
  })
}
