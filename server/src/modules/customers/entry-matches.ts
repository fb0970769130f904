import type { Call } from '../../platform/http/call.js'
import { clearanceOf, isInScope } from '../../security/customer-policy.js'
import type { Catalogue } from '../catalogue/index.js'
import { prepareInput } from './customer-input.js'
import type { PersonalValue } from './customer-values.js'
import type { CreateCustomerInput } from './customers.schemas.js'
import { findIdentifierMatches, identifierTokens } from './duplicate-check.js'
import { currentRegistrations } from './registrations.js'
import { searchTokensFor } from './search-tokens.js'

/** A customer already recorded that an entry's identifiers match (DQ-1). */
export type EntryMatch = {
  customerId: string
  /** The identifier fields that matched. */
  fields: string[]
  /** Whether the caller may see it (and so update it). */
  inScope: boolean
  /**
   * Whether it stops a new entry by 客户首访原则: it sits in the pool, or
   * someone other than `ownerId` registered it (refuseRegisteredElsewhere).
   */
  refusesEntry: boolean
}

export type EntryIdentity = {
  /** `field:token` of each identifier: two entries of one file sharing one are the same person. */
  tokens: string[]
  matches: EntryMatch[]
}

/**
 * The identifiers of a batch of checked entries, and the live customers
 * each matches, in one query — what an import's dry run and run ask of
 * each batch of rows (issue 18 §1, DQ-1) before deciding a row's fate by
 * the import's duplicate handling. Nothing is stored or audited: nothing
 * is shown but counts and the caller's own customers' ids.
 */
export async function matchEntries(
  call: Call,
  catalogue: Catalogue,
  entries: readonly { input: CreateCustomerInput; ownerId: string }[],
): Promise<EntryIdentity[]> {
  const { deps, now } = call
  const tokensOf = entries.map(({ input }) => {
    const prepared = prepareInput(catalogue, { kind: input.kind, input })
    const values = new Map(
      [...prepared.values].filter((entry): entry is [string, PersonalValue] => entry[1] !== null),
    )
    return identifierTokens(searchTokensFor(deps.vault, values))
  })
  const matches = (await findIdentifierMatches(deps.db, tokensOf.flat())).filter(
    (m) => m.status !== 'rejected',
  )
  const registrations =
    matches.length === 0
      ? []
      : await currentRegistrations(
          deps.db,
          matches.map((m) => m.customerId),
          now,
        )
  const registrant = new Map(registrations.map((r) => [r.customerId, r.accountId]))
  const clearance = clearanceOf(call.principal)
  return entries.map((entry, i) => {
    const own = (tokensOf[i] ?? []).map((t) => `${t.field}:${t.token}`)
    const mine = new Set(own)
    return {
      tokens: own,
      matches: matches
        .filter((m) => m.tokens.some((t) => mine.has(t)))
        .map((m) => {
          const by = registrant.get(m.customerId)
          return {
            customerId: m.customerId,
            fields: m.fields,
            inScope: isInScope(clearance, m),
            refusesEntry: m.owner_id === null || (by !== undefined && by !== entry.ownerId),
          }
        }),
    }
  })
}
