import type { CatalogueEntry } from '../../api/types.js'
import type { CustomerKind } from './imports-api.js'

/**
 * The catalogue fields a column may hold for a kind of customer, as the
 * server allows them (a list of contacts is entered by hand), each by its
 * label in the reader's language — never by its key.
 */
export function mappableFields(
  entries: readonly CatalogueEntry[],
  kind: CustomerKind,
  language: string,
): { value: string; label: string }[] {
  return entries
    .filter((e) => (e.appliesTo === 'both' || e.appliesTo === kind) && e.dataType !== 'contacts')
    .map((e) => ({ value: e.field, label: language === 'en' ? e.labelEn : e.labelZh }))
}
