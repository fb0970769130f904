import { sql } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, isInScope } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { loadCatalogue } from '../catalogue/index.js'
import type { DuplicateAnswer, DuplicateCheckInput, DuplicateMatch } from './attribution.schemas.js'
import { prepareInput } from './customer-input.js'
import type { PersonalValue } from './customer-values.js'
import { likelyDuplicatesOf } from './likely-duplicates.js'
import { maskedNamesOf } from './masked-names.js'
import { currentRegistrations, type Registration } from './registrations.js'
import { type SearchToken, searchTokensFor } from './search-tokens.js'

/*
 * Duplicates at entry (CUS-4, CUS-5, DQ-1): the identifiers of a record
 * being entered — ID number, mobile, e-mail, credit code, bank account and
 * card numbers — are looked up on their blind indexes. A match the caller
 * may see is named (masked) with a link; a match beyond the caller's scope
 * is told as "registered by ⟨colleague⟩ on ⟨date⟩, valid until ⟨date⟩" and
 * nothing else: not its name, its id or its other values.
 */

/** The fields whose equality means "the same person or company". */
const IDENTIFIER_FIELDS = new Set([
  'idNumber',
  'mobile',
  'email',
  'creditCode',
  'bankAccounts',
  'bankCards',
])

export function identifierTokens(tokens: readonly SearchToken[]): SearchToken[] {
  return tokens.filter((token) => IDENTIFIER_FIELDS.has(token.field))
}

export type IdentifierMatch = {
  customerId: string
  fields: string[]
  /** `field:token` of each token that matched. */
  tokens: string[]
  status: string
  owner_id: string | null
  department_id: string | null
  created_by: string
}

/** Live customers (not destroyed) sharing one of `tokens`, each with the fields that matched. */
export async function findIdentifierMatches(
  db: Database,
  tokens: readonly SearchToken[],
  exceptId?: string,
): Promise<IdentifierMatch[]> {
  if (tokens.length === 0) return []
  // Two arrays, unnested into a set the planner joins on the token index: a batch of a
  // thousand entries asks with five thousand tokens, which as a literal list of pairs
  // made PostgreSQL scan the whole token table once per batch.
  const fields = tokens.map((t) => t.field)
  const values = tokens.map((t) => t.token)
  const { rows } = await sql<IdentifierMatch>`
    select c.id as "customerId", array_agg(distinct t.field order by t.field) as fields,
      array_agg(t.field || ':' || t.token) as tokens,
      c.status, c.owner_id, c.department_id, c.created_by
    from customer_search_tokens t join customers c on c.id = t.customer_id
    where (t.field, t.token) in (
        select u.field, u.token from unnest(${fields}::text[], ${values}::text[]) as u(field, token))
      and c.status <> 'destroyed'
      ${exceptId ? sql`and c.id <> ${exceptId}` : sql``}
    group by c.id
    order by c.created_at`.execute(db)
  return rows
}

/**
 * 客户首访原则 at entry: a match registered by someone else whose
 * registration is still valid refuses the new record, telling who and
 * until when; one whose registration has expired refuses it too (the
 * customer is recycled to the pool, or transferred by a manager, rather
 * than entered twice). A duplicate of one's own is left to the duplicates
 * review (DQ-1). One query for a whole batch.
 */
export async function refuseRegisteredElsewhere(
  call: Call,
  entries: readonly { tokens: readonly SearchToken[]; ownerId: string; exceptId?: string }[],
): Promise<void> {
  const { deps, now } = call
  const tokens = entries.flatMap((entry) => identifierTokens(entry.tokens))
  const except = entries.length === 1 ? entries[0]?.exceptId : undefined
  const matches = (await findIdentifierMatches(deps.db, tokens, except)).filter(
    (m) => m.status !== 'rejected',
  )
  if (matches.length === 0) return
  const registrations = await currentRegistrations(
    deps.db,
    matches.map((m) => m.customerId),
    now,
  )
  for (const entry of entries) {
    const own = new Set(identifierTokens(entry.tokens).map((t) => `${t.field}:${t.token}`))
    const same = matches.filter(
      (m) => m.customerId !== entry.exceptId && m.tokens.some((t) => own.has(t)),
    )
    // In the pool (no owner, no registration): taken from there, not entered again.
    const pooled = same.find((m) => m.owner_id === null)
    if (pooled) {
      await refusalOnRecord(call, pooled, 'in_pool')
      throw new AppError(
        'CUSTOMER_IN_POOL',
        Object.fromEntries(pooled.fields.map((f) => [f, 'registeredByOther' as const])),
      )
    }
    const hit = same.find((m) =>
      registrations.some((r) => r.customerId === m.customerId && r.accountId !== entry.ownerId),
    )
    if (!hit) continue
    const other = registrations.find((r) => r.customerId === hit.customerId)
    if (!other) continue
    const names = await displayNamesOf(deps.db, [other.accountId])
    await refusalOnRecord(call, hit, 'registered_by_other')
    throw new AppError(
      other.valid ? 'CUSTOMER_REGISTERED_BY_OTHER' : 'CUSTOMER_REGISTRATION_EXPIRED',
      Object.fromEntries(hit.fields.map((f) => [f, 'registeredByOther' as const])),
      { registration: told(other, names) },
    )
  }
}

/** The refused entry on the trail, naming the customer it would have duplicated. */
async function refusalOnRecord(
  call: Call,
  match: IdentifierMatch,
  reason: 'registered_by_other' | 'in_pool',
): Promise<void> {
  await recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: call.principal.actor,
    action: 'customer.created',
    target: { type: 'customer', id: match.customerId },
    outcome: 'denied',
    reason,
    fields: match.fields,
  })
}

function told(registration: Registration, names: Map<string, string>) {
  return {
    registeredBy: {
      id: registration.accountId,
      name: names.get(registration.accountId) ?? '',
    },
    registeredAt: registration.registeredAt.toISOString(),
    validUntil: registration.validUntil.toISOString(),
    valid: registration.valid,
  }
}

/** POST /customers/duplicate-check: the matches of the identifiers given, as the caller may know them. */
export async function checkDuplicates(
  call: Call,
  input: DuplicateCheckInput,
): Promise<DuplicateAnswer> {
  const { deps, principal, now } = call
  const catalogue = await loadCatalogue(deps.db)
  const { customerId, ...identifiers } = input
  const prepared = prepareInput(catalogue, { kind: input.kind, input: identifiers })
  const values = new Map(
    [...prepared.values].filter((entry): entry is [string, PersonalValue] => entry[1] !== null),
  )
  const tokens = identifierTokens(searchTokensFor(deps.vault, values))
  const matches = await findIdentifierMatches(deps.db, tokens, customerId)
  const clearance = clearanceOf(principal)
  const seen = matches.filter((m) => isInScope(clearance, m))
  const unseen = matches.filter((m) => !isInScope(clearance, m))
  const registrations = await currentRegistrations(
    deps.db,
    matches.map((m) => m.customerId),
    now,
  )
  const registrationOf = new Map(registrations.map((r) => [r.customerId, r]))
  const [names, people] = await Promise.all([
    maskedNamesOf(
      deps,
      seen.map((m) => m.customerId),
    ),
    displayNamesOf(
      deps.db,
      registrations.map((r) => r.accountId),
    ),
  ])
  const answer: DuplicateMatch[] = [
    ...seen.map((m) => {
      const registration = registrationOf.get(m.customerId)
      return {
        inScope: true as const,
        customerId: m.customerId,
        name: names.get(m.customerId) ?? '',
        status: m.status,
        fields: m.fields,
        registration: registration ? told(registration, people) : null,
      }
    }),
    ...unseen.map((m): DuplicateMatch => {
      const registration = registrationOf.get(m.customerId)
      // Beyond scope and registered to nobody (in the pool): there is nobody to name.
      return {
        inScope: false,
        fields: m.fields,
        registration: registration ? told(registration, people) : null,
      }
    }),
  ]
  const { likely, compared } = await likelyDuplicatesOf(call, {
    values,
    except: [...(customerId ? [customerId] : []), ...matches.map((m) => m.customerId)],
  })
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'customer.duplicate_checked',
    fields: [...new Set(tokens.map((t) => t.field))].sort(),
    details: {
      matched: matches.map((m) => m.customerId),
      beyondScope: unseen.length,
      // Opened in memory to be scored, and only a masked name, a score and its reasons shown.
      compared,
      likely: likely.map((l) => l.customerId),
    },
  })
  return { matches: answer, likely }
}
