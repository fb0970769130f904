import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import {
  clearanceOf,
  consentsNeeded,
  decideLegalBasis,
  decideRevealRequest,
  touchesSensitive,
} from '../../security/customer-policy.js'
import { dayIn } from '../calendar/index.js'
import { loadCatalogue, type StoredEntry } from '../catalogue/index.js'
import { findActivePurpose } from '../purposes/index.js'
import type { CustomerFacts } from './customer-facts.js'
import { guardCustomer } from './customer-guard.js'
import { openOnce } from './customer-records.js'
import type { PersonalValue } from './customer-values.js'
import type { CustomerRead } from './customers.repository.js'
import { isMinorBy, MINOR_FACTS } from './minor-status.js'
import { REVEAL_DISPLAY_SECONDS, refuseOverRevealLimit, revealAudit } from './reveal-gate.js'

export type RevealResult = {
  values: Record<string, PersonalValue | null>
  purpose: string
  displaySeconds: number
}

/**
 * POST /customers/{id}/reveal (ACC-2): plain values of named fields, for a
 * stated purpose. In order: scope (404 outside it, decided by the guard
 * that read the record, before the body is looked at), a per-account rate
 * limit, known fields, an active purpose, clearance for every field, fields
 * the purpose may reach, a legal basis for the purpose with this customer
 * (its consents, or a restriction that stops every use) — each decided by
 * the customer-data policy (security/customer-policy.ts), the facts
 * gathered here. Every refusal and every reveal
 * is audited with the fields and the purpose — never the values — and the
 * reveal is on the record before the values leave.
 */
export async function revealFields(
  call: Call,
  request: { read: CustomerRead; fields: string[]; purpose: string },
  facts: Pick<CustomerFacts, 'standingConsents'>,
): Promise<RevealResult> {
  const { sealed } = request.read
  const { id } = request.read.row
  const { deps, principal, now } = call
  const fields = [...new Set(request.fields)]
  const { audit, refuse } = revealAudit(call, {
    action: 'customer.revealed',
    target: { type: 'customer', id },
    fields,
    purpose: request.purpose,
  })
  await refuseOverRevealLimit(call, refuse)

  // The guard admitted the record to the route; a destroyed one has nothing left to reveal.
  const row = await guardCustomer(call, request.read.row, { action: 'customer.revealed' })
  const clearance = clearanceOf(principal)
  const catalogue = await loadCatalogue(deps.db)

  const applicable = new Map(catalogue.personalFields(row.kind).map((e) => [e.field, e]))
  const unknown = fields.filter((f) => !applicable.has(f))
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(unknown.map((f) => [f, 'unknownField'])),
    )
  }
  const entries = fields.map((f) => applicable.get(f) as StoredEntry)

  // Purpose, clearance and the purpose's reach are decided before any value is read.
  const asked = decideRevealRequest(
    clearance,
    entries,
    await findActivePurpose(deps.db, request.purpose),
  )
  if (!asked.allowed) return refuse(asked)
  const { purpose } = asked
  // Read with the record by the guard, sensitive store included: an
  // individual's ID number tells whether they are under 14.
  const key = sealed && (await deps.vault.openCustomerKey(sealed.key))
  // Each value opened once: an ID number asked for is the one that told the age.
  const open = sealed && key ? openOnce({ vault: deps.vault, key, catalogue }, sealed) : undefined
  const minor =
    row.kind === 'individual' &&
    open !== undefined &&
    isMinorBy(open(MINOR_FACTS), dayIn(deps.config.timeZone, now))
  const basis = decideLegalBasis({
    customer: row,
    purpose,
    touchesSensitive: touchesSensitive(entries, minor),
    minor,
    consents: await facts.standingConsents(row.id, consentsNeeded(row, purpose)),
  })
  if (!basis.allowed) await refuse(basis)

  const values: Record<string, PersonalValue | null> = Object.fromEntries(
    fields.map((f) => [f, null]),
  )
  if (open) {
    for (const [field, value] of open(fields)) values[field] = value
  }
  await audit('allowed', undefined, minor)
  return { values, purpose: request.purpose, displaySeconds: REVEAL_DISPLAY_SECONDS }
}
