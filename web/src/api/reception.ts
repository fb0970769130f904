import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { BodyOf } from './types.js'

export type NewVisit = BodyOf<'/api/v1/reception/visits', 'post'>
export type VisitOutcome = BodyOf<'/api/v1/reception/visits/{id}/finish', 'post'>['outcome']

export const receptionKeys = {
  all: ['reception'] as const,
  rotation: ['reception', 'rotation'] as const,
  visits: ['reception', 'visits'] as const,
  calls: ['reception', 'calls'] as const,
}

/** Today's desk of the user's department (接待轮值). Refreshed often: colleagues change it. */
export function useRotation() {
  return useQuery({
    queryKey: receptionKeys.rotation,
    queryFn: () => answer(client.GET('/api/v1/reception/rotation')),
    refetchInterval: 15_000,
  })
}

/** Today's visitor register of the desk (来人登记表). */
export function useVisits() {
  return useQuery({
    queryKey: receptionKeys.visits,
    queryFn: () => answer(client.GET('/api/v1/reception/visits', { params: { query: {} } })),
    refetchInterval: 15_000,
  })
}

const step = {
  checkIn: () => client.POST('/api/v1/reception/check-in'),
  stepOut: () => client.POST('/api/v1/reception/step-out'),
  checkOut: () => client.POST('/api/v1/reception/check-out'),
}

/** Check in, go out on duty, or leave the desk: each answers the desk as it is now. */
export function useDutyStep() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (which: keyof typeof step) => answer(step[which]()),
    onSuccess: (rotation) => queries.setQueryData(receptionKeys.rotation, rotation),
  })
}

export function useReceiveVisit() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewVisit) => answer(client.POST('/api/v1/reception/visits', { body })),
    onSettled: () => queries.invalidateQueries({ queryKey: receptionKeys.all }),
  })
}

export function useFinishVisit() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, outcome }: { id: string; outcome: VisitOutcome }) =>
      answer(
        client.POST('/api/v1/reception/visits/{id}/finish', {
          params: { path: { id } },
          body: { outcome },
        }),
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: receptionKeys.all }),
  })
}

/** The walk-in received, entered as a customer (a name and a number), registered from the arrival. */
export function useRegisterVisitor() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; name: string; mobile?: string }) =>
      answer(
        client.POST('/api/v1/reception/visits/{id}/register', { params: { path: { id } }, body }),
      ),
    onSettled: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: receptionKeys.all }),
        queries.invalidateQueries({ queryKey: ['customers'] }),
      ]),
  })
}

export type NewCall = BodyOf<'/api/v1/reception/calls', 'post'>

/** Today's call register of the desk (来电登记表). */
export function useCalls() {
  return useQuery({
    queryKey: receptionKeys.calls,
    queryFn: () => answer(client.GET('/api/v1/reception/calls', { params: { query: {} } })),
  })
}

export function useLogCall() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (body: NewCall) => answer(client.POST('/api/v1/reception/calls', { body })),
    onSettled: () => queries.invalidateQueries({ queryKey: receptionKeys.calls }),
  })
}
