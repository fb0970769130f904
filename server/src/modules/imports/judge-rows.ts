import type { z } from 'zod'
import type { DuplicateHandling, ImportOptions } from '../../db/schema.js'
import type { FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { Catalogue } from '../catalogue/index.js'
import {
  checkEntry,
  type EntryMatch,
  matchEntries,
  type updateCustomerSchema,
} from '../customers/index.js'
import type { FileRow } from './read-csv-rows.js'
import { rowToEntry } from './row-to-entry.js'
import type { TokenSet } from './token-set.js'

type CreateInput = Extract<ReturnType<typeof checkEntry>, { ok: true }>['input']
type UpdateInput = z.infer<typeof updateCustomerSchema>

/** One problem of a row, for the report: where it is and what is wrong — never the value. */
export type RowProblem = { column: number | null; field: string; problem: FieldMessageKey }

/** What becomes of a row, decided by the rules of an entry and the import's duplicate handling. */
export type RowFate =
  | { row: number; fate: 'invalid'; problems: RowProblem[] }
  | { row: number; fate: 'create' | 'review'; input: CreateInput }
  | { row: number; fate: 'update'; customerId: string; input: UpdateInput }
  | { row: number; fate: 'skip' }

/** The identifier tokens of rows already judged, for duplicates within one file (token-set.ts). */
export type SeenRows = TokenSet

/**
 * A batch of rows judged (issue 18 §1, DQ-1): each made an entry by the
 * mapping and checked by every rule of an entry through the API
 * (checkEntry); the valid ones looked up by their identifiers, in the
 * database and among the rows before them in the file; then the import's
 * duplicate handling decides.
 */
export async function judgeRows(
  call: Call,
  catalogue: Catalogue,
  options: ImportOptions,
  rows: readonly FileRow[],
  seen: SeenRows,
): Promise<RowFate[]> {
  const mapping = options.mapping ?? []
  const columnOf = (path: string) => {
    const field = path.startsWith('customFields.') ? path.slice('customFields.'.length) : path
    const column = mapping.indexOf(field)
    return column < 0 ? null : column
  }
  const checked = rows.map((row) => {
    const body = rowToEntry(
      row.cells,
      mapping,
      { kind: options.kind, ...(options.source && { source: options.source }) },
      catalogue,
    )
    if (options.ownerId) body.ownerId = options.ownerId
    return { row: row.row, check: checkEntry(catalogue, body) }
  })
  const valid = checked.flatMap(({ row, check }) => (check.ok ? [{ row, input: check.input }] : []))
  const ownerId = options.ownerId ?? call.principal.accountId
  const identities = await matchEntries(
    call,
    catalogue,
    valid.map(({ input }) => ({ input, ownerId })),
  )
  const identityOf = new Map(valid.map((v, i) => [v.row, identities[i]]))
  return checked.map(({ row, check }): RowFate => {
    if (!check.ok) {
      return {
        row,
        fate: 'invalid',
        problems: Object.entries(check.fields).map(([field, problem]) => ({
          column: columnOf(field),
          field,
          problem,
        })),
      }
    }
    const identity = identityOf.get(row)
    // `field:token`: the field is in the keyed hash already, the token alone tells it apart.
    const tokens = (identity?.tokens ?? []).map((token) => token.slice(token.indexOf(':') + 1))
    // Every token added, so that a later row matching any of them is seen.
    const earlier = tokens.map((token) => seen.add(token)).some(Boolean)
    return decide(options.duplicates, row, check.input, identity?.matches ?? [], earlier, columnOf)
  })
}

/**
 * The duplicate handling of DQ-1 for one valid row. A row matching an
 * earlier row of the file is a duplicate of a customer the caller will
 * have made: handled as one they may see and update.
 */
function decide(
  handling: DuplicateHandling,
  row: number,
  input: CreateInput,
  matches: readonly EntryMatch[],
  earlierInFile: boolean,
  columnOf: (field: string) => number | null,
): RowFate {
  if (matches.length === 0 && !earlierInFile) return { row, fate: 'create', input }
  if (handling === 'skip') return { row, fate: 'skip' }
  // The problem is told on the fields that matched the customers it is about.
  const refused = (problem: FieldMessageKey, about: readonly EntryMatch[] = matches): RowFate => {
    const fields = [...new Set(about.flatMap((m) => m.fields))]
    return {
      row,
      fate: 'invalid',
      problems: (fields.length > 0 ? fields : ['name']).map((field) => ({
        column: columnOf(field),
        field,
        problem,
      })),
    }
  }
  if (handling === 'update') {
    // The earlier row of the file is the record; its values are not overwritten by a later row's.
    if (earlierInFile) return { row, fate: 'skip' }
    if (matches.length > 1) return refused('duplicateAmbiguous')
    const [match] = matches
    if (!match?.inScope) return refused('duplicateOutOfScope')
    return { row, fate: 'update', customerId: match.customerId, input: asUpdate(input) }
  }
  // 客户首访原则: entering again a customer in the pool, or registered by a colleague, is refused.
  const refusing = matches.filter((m) => m.refusesEntry)
  if (refusing.length > 0) return refused('registeredByOther', refusing)
  return { row, fate: handling === 'review' ? 'review' : 'create', input }
}

/** The fields the row fills, as a change: what makes a new record (kind, owner, source) stays as it is. */
function asUpdate(input: CreateInput): UpdateInput {
  const {
    kind: _kind,
    ownerId: _owner,
    source: _source,
    ...filled
  } = input as CreateInput & {
    ownerId?: string
    source?: string
  }
  return filled as UpdateInput
}
