import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { approvalKeys } from './approval-keys.js'
import { answer, client } from './client.js'
import type { BodyOf, CatalogueEntry } from './types.js'

export const catalogueKeys = { all: ['field-catalogue'] as const }

export type NewCatalogueEntry = BodyOf<'/api/v1/field-catalogue', 'post'>
export type CatalogueChanges = BodyOf<'/api/v1/field-catalogue/{field}', 'patch'>

const loadCatalogue = () => answer(client.GET('/api/v1/field-catalogue'))

/** The field catalogue: which customer fields exist, their levels and labels (CLS-1). */
export function useCatalogue() {
  return useQuery({
    queryKey: catalogueKeys.all,
    queryFn: loadCatalogue,
    staleTime: 60_000,
    gcTime: 60_000,
  })
}

/** The catalogue as its own screen shows it: read again on every visit. */
export function useCatalogueScreen() {
  return useQuery({ queryKey: catalogueKeys.all, queryFn: loadCatalogue })
}

/** Field labels from the field catalogue, in the current language. */
export function useFieldLabels(): (field: string) => string {
  const { i18n } = useTranslation()
  const catalogue = useCatalogue()
  const byField = new Map((catalogue.data?.items ?? []).map((e) => [e.field, e]))
  return (field) => {
    const entry = byField.get(field)
    if (!entry) return field
    return i18n.language === 'en' ? entry.labelEn : entry.labelZh
  }
}

/**
 * Adds a field, or changes the one given; a change lowering protection
 * waits for approval (ACC-5), so the approvals are read again too.
 */
export function useSaveCatalogueEntry() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (
      save:
        | { entry: null; body: NewCatalogueEntry }
        | { entry: CatalogueEntry; body: CatalogueChanges },
    ) =>
      save.entry
        ? answer(
            client.PATCH('/api/v1/field-catalogue/{field}', {
              params: { path: { field: save.entry.field } },
              body: save.body,
            }),
          )
        : answer(client.POST('/api/v1/field-catalogue', { body: save.body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: catalogueKeys.all })
      await queries.invalidateQueries({ queryKey: approvalKeys.all })
    },
  })
}
