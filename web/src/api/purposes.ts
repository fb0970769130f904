import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { approvalKeys } from './approval-keys.js'
import { answer, client } from './client.js'
import type { BodyOf, Purpose } from './types.js'

export const purposeKeys = { all: ['purposes'] as const }

export type NewPurpose = BodyOf<'/api/v1/purposes', 'post'>
export type PurposeChanges = BodyOf<'/api/v1/purposes/{code}', 'patch'>

/**
 * The purposes of processing, each with its names and descriptions in both
 * languages: shown through usePurposeText, never by `name`, which is in the
 * language of the read and stays so after a switch (issue 14).
 */
export function usePurposes() {
  return useQuery({
    queryKey: purposeKeys.all,
    queryFn: () => answer(client.GET('/api/v1/purposes')),
  })
}

/**
 * A purpose's name and description in the console's current language,
 * picked from the two the server sends, as the catalogue's labels are: a
 * switch of language shows the other at once, with no new read.
 */
export function usePurposeText() {
  const { i18n } = useTranslation()
  const english = i18n.language === 'en'
  return {
    name: (purpose: Purpose) => (english ? purpose.nameEn : purpose.nameZh),
    description: (purpose: Purpose) => (english ? purpose.descriptionEn : purpose.descriptionZh),
  }
}

/** A purpose's name by code, falling back to the code. */
export function usePurposeNames(): (code: string | null) => string {
  const purposes = usePurposes()
  const text = usePurposeText()
  const byCode = new Map((purposes.data?.items ?? []).map((p) => [p.code, text.name(p)]))
  return (code) => (code ? (byCode.get(code) ?? code) : '')
}

/** Adds a purpose, or changes the one given; reaching further waits for approval (ACC-5). */
export function useSavePurpose() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (
      save: { purpose: null; body: NewPurpose } | { purpose: Purpose; body: PurposeChanges },
    ) =>
      save.purpose
        ? answer(
            client.PATCH('/api/v1/purposes/{code}', {
              params: { path: { code: save.purpose.code } },
              body: save.body,
            }),
          )
        : answer(client.POST('/api/v1/purposes', { body: save.body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: purposeKeys.all })
      await queries.invalidateQueries({ queryKey: approvalKeys.all })
    },
  })
}
