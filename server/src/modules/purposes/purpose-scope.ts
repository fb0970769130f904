import type { StoredEntry } from '../catalogue/catalogue.repository.js'
import type { Purpose } from './purposes.service.js'

/**
 * ACC-2: what a purpose may reach — fields up to its level and, when it
 * names fields, only those (marketing by SMS needs a name and a mobile,
 * never an ID number). Returns the fields asked for beyond it.
 */
export function fieldsBeyondPurpose(
  purpose: Pick<Purpose, 'max_level' | 'fields'>,
  entries: StoredEntry[],
): string[] {
  return entries
    .filter(
      (entry) =>
        entry.level > purpose.max_level ||
        (purpose.fields !== null && !purpose.fields.includes(entry.field)),
    )
    .map((entry) => entry.field)
}
