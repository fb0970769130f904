import { sql } from 'kysely'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, isInScope } from '../../security/customer-policy.js'
import { loadCatalogue } from '../catalogue/index.js'
import {
  DEFAULT_SCORING,
  duplicateValuesOf,
  prepareValues,
  type Reason,
  scorePair,
} from '../duplicates/index.js'
import { openValues } from './customer-records.js'
import type { PersonalValue } from './customer-values.js'
import { selectSealed } from './customers.repository.js'
import { maskedName } from './masked-names.js'
import { BLOCKING_SOURCES, blockingTokensFor } from './search-tokens.js'

/** How many customers sharing a blocking key are scored at most: the closest by shared keys. */
const MAX_COMPARED = 50
/** How many likely duplicates an entry is shown. */
const MAX_SHOWN = 10

export type LikelyDuplicate = {
  customerId: string
  /** Masked, by the name field's rule. */
  name: string
  score: number
  /** Field and agreement level, strongest first: never a value. */
  reasons: Reason[]
}

/**
 * DQ-1 at entry: the customers of the caller's scope that are likely the
 * one being entered, by name, phone, e-mail, address and employer
 * similarity. The entered values' blocking keys find the candidates on
 * their tokens (nothing is decrypted to search); only the candidates are
 * opened, in memory, to be scored, and what leaves is a masked name, a
 * score and its reasons. `compared` is who was opened, for the trail.
 */
export async function likelyDuplicatesOf(
  call: Call,
  entered: { values: ReadonlyMap<string, PersonalValue>; except: readonly string[] },
): Promise<{ likely: LikelyDuplicate[]; compared: string[] }> {
  const { deps, principal } = call
  const tokens = blockingTokensFor(deps.vault, entered.values)
  if (tokens.length === 0) return { likely: [], compared: [] }
  const fields = tokens.map((t) => t.field)
  const values = tokens.map((t) => t.token)
  const { rows } = await sql<{
    id: string
    kind: 'individual' | 'organization'
    status: string
    owner_id: string | null
    department_id: string | null
    created_by: string
  }>`
    select c.id, c.kind, c.status, c.owner_id, c.department_id, c.created_by
    from customer_search_tokens t join customers c on c.id = t.customer_id
    where (t.field, t.token) in (
        select u.field, u.token from unnest(${fields}::text[], ${values}::text[]) as u(field, token))
      and c.status <> 'destroyed'
      and c.id <> all(${[...entered.except]}::uuid[])
    group by c.id
    order by count(*) desc, c.created_at desc
    limit ${MAX_COMPARED * 4}`.execute(deps.db)
  const clearance = clearanceOf(principal)
  const candidates = rows.filter((row) => isInScope(clearance, row)).slice(0, MAX_COMPARED)
  if (candidates.length === 0) return { likely: [], compared: [] }

  const catalogue = await loadCatalogue(deps.db)
  const nameEntry = catalogue.get('name')
  const sealed = await selectSealed(
    deps.db,
    candidates.map((c) => c.id),
    true,
  )
  const mine = prepareValues(duplicateValuesOf(entered.values))
  const likely: LikelyDuplicate[] = []
  for (const candidate of candidates) {
    const record = sealed.get(candidate.id)
    if (!record) continue
    const key = await deps.vault.openCustomerKey(record.key)
    const theirs = openValues(deps.vault, key, catalogue, record, BLOCKING_SOURCES)
    const pair = scorePair(mine, prepareValues(duplicateValuesOf(theirs)), DEFAULT_SCORING)
    if (!pair.likelyDuplicate) continue
    const name = theirs.get('name')
    likely.push({
      customerId: candidate.id,
      name:
        typeof name === 'string' && nameEntry ? maskedName(nameEntry, name, candidate.kind) : '',
      score: Math.round(pair.score * 1000) / 1000,
      reasons: pair.reasons,
    })
  }
  likely.sort((a, b) => b.score - a.score)
  return { likely: likely.slice(0, MAX_SHOWN), compared: candidates.map((c) => c.id) }
}
