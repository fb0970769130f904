import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from './client.js'
import type { CatalogueEntry } from './types.js'

/** The field catalogue: which customer fields exist, their levels and labels (CLS-1). */
export function useCatalogue() {
  return useQuery({
    queryKey: ['field-catalogue'],
    queryFn: () => api<{ items: CatalogueEntry[] }>('GET', '/field-catalogue'),
    staleTime: 60_000,
    gcTime: 60_000,
  })
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
