import type { ImportOptions } from '../../db/schema.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import { type Clearance, isBeyondView } from '../../security/customer-policy.js'
import type { Catalogue, StoredEntry } from '../catalogue/index.js'
import { suggestMapping } from './column-suggestions.js'

/** The catalogue fields a column may hold for a kind of customer (a list of contacts is entered by hand). */
export function mappableFields(catalogue: Catalogue, kind: ImportOptions['kind']): StoredEntry[] {
  return catalogue.entries.filter(
    (e) => (e.appliesTo === 'both' || e.appliesTo === kind) && e.dataType !== 'contacts',
  )
}

/** The suggested mapping of a header (column-suggestions.ts), among the fields the caller may enter. */
export function suggestedMapping(
  catalogue: Catalogue,
  clearance: Clearance,
  kind: ImportOptions['kind'],
  header: string[],
): (string | null)[] {
  const fields = mappableFields(catalogue, kind).filter((e) => !isBeyondView(clearance, e))
  return suggestMapping(header, fields)
}

/**
 * A mapping the import can run with: one entry per column of the header, each a field of the
 * kind's catalogue the caller may see, or null; no field twice; the name among them.
 */
export function checkMapping(
  catalogue: Catalogue,
  clearance: Clearance,
  kind: ImportOptions['kind'],
  header: string[],
  mapping: (string | null)[],
): void {
  const fields = new Map(mappableFields(catalogue, kind).map((e) => [e.field, e]))
  const problems: Record<string, FieldMessageKey> = {}
  if (mapping.length !== header.length) problems.mapping = 'invalid'
  const seen = new Set<string>()
  mapping.forEach((field, column) => {
    if (field === null) return
    const entry = fields.get(field)
    if (!entry) problems[`mapping.${column}`] = 'unknownField'
    else if (isBeyondView(clearance, entry)) problems[`mapping.${column}`] = 'beyondClearance'
    else if (seen.has(field)) problems[`mapping.${column}`] = 'mappedTwice'
    seen.add(field)
  })
  if (!seen.has('name')) problems.mapping ??= 'required'
  if (Object.keys(problems).length > 0) throw new AppError('IMPORT_MAPPING_INVALID', problems)
}
