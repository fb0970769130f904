import type { AuditReason } from '../../audit/audit-actions.js'
import { type AuditEvent, recordAuditEvent } from '../../audit/audit-log.js'
import { AppError, type ErrorCode, type FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { countHit } from '../../platform/rate-limit.js'
import {
  clearanceOf,
  consentsNeeded,
  decideLegalBasis,
  decideRevealRequest,
  type FieldRule,
  touchesSensitive,
} from '../../security/customer-policy.js'
import type { CustomerKey } from '../../security/vault.js'
import { dayIn } from '../calendar/index.js'
import { loadCatalogue } from '../catalogue/index.js'
import { findActivePurpose } from '../purposes/index.js'
import type { CustomerFacts } from './customer-facts.js'
import { openCustomer } from './customer-key.js'
import type { CustomerRow } from './customers.repository.js'
import { isMinor } from './minor-status.js'

/** How long a screen may show revealed values before masking them again. */
export const REVEAL_DISPLAY_SECONDS = 60

export type Denial = {
  code: ErrorCode
  reason: AuditReason
  fields?: Record<string, FieldMessageKey>
}

/**
 * The audit of one reveal, allowed or refused: the event names the fields
 * and the purpose, never a value. A refusal is on the record before its
 * error leaves; a minor's reveal is marked, so that such reveals can be
 * reviewed apart (PIPL Art. 28).
 */
export function revealAudit(call: Call, event: Omit<AuditEvent, 'actor' | 'outcome' | 'reason'>) {
  const { deps, now, context, principal } = call
  const audit = (outcome: 'allowed' | 'denied', reason?: AuditReason, minor = false) =>
    recordAuditEvent(deps.db, now, context, {
      ...event,
      actor: principal.actor,
      outcome,
      ...(reason && { reason }),
      ...((minor || event.details) && { details: { ...event.details, ...(minor && { minor }) } }),
    })
  const refuse = async (denial: Denial): Promise<never> => {
    await audit('denied', denial.reason)
    throw new AppError(denial.code, denial.fields)
  }
  return { audit, refuse }
}

/** The per-account reveal rate limit (ACC-2), shared by every kind of reveal. */
export async function refuseOverRevealLimit(
  call: Call,
  refuse: (denial: Denial) => Promise<never>,
): Promise<void> {
  const { deps, principal, now } = call
  const hits = await countHit(deps.db, `reveal:${principal.accountId}`, now, 60_000)
  if (hits > deps.config.revealRateLimit)
    await refuse({ code: 'RATE_LIMITED', reason: 'rate_limited' })
}

/**
 * The one gate for a customer's sealed text kept by another module — an
 * interaction's note, a tracking form, feedback answers (ACC-2): the rate
 * limit, an active purpose, the clearance and the purpose's reach for the
 * text's rule, then a legal basis with this customer, where a minor's text
 * is sensitive data whatever it says (PIPL Art. 28, 31) and needs the
 * guardian's consent as a sensitive field would. The caller has guarded
 * the customer; it opens its text with the key returned and audits the
 * reveal, with `minor`, before the text leaves.
 */
export async function passRevealGate(
  call: Call,
  gate: {
    rule: FieldRule
    customer: CustomerRow
    purpose: string
    refuse: (denial: Denial) => Promise<never>
    standingConsents: CustomerFacts['standingConsents']
  },
): Promise<{ key: CustomerKey; minor: boolean }> {
  const { deps, now, principal } = call
  const { customer, refuse } = gate
  await refuseOverRevealLimit(call, refuse)
  const asked = decideRevealRequest(
    clearanceOf(principal),
    [gate.rule],
    await findActivePurpose(deps.db, gate.purpose),
  )
  if (!asked.allowed) return refuse(asked)
  // The sensitive store is read here for the ID number that tells the age; nothing of it leaves.
  const [{ key, sealed }, catalogue] = await Promise.all([
    openCustomer(deps, customer.id, true),
    loadCatalogue(deps.db),
  ])
  const minor =
    customer.kind === 'individual' &&
    isMinor({ vault: deps.vault, key, catalogue }, sealed, dayIn(deps.config.timeZone, now))
  const basis = decideLegalBasis({
    customer,
    purpose: asked.purpose,
    touchesSensitive: touchesSensitive([gate.rule], minor),
    minor,
    consents: await gate.standingConsents(customer.id, consentsNeeded(customer, asked.purpose)),
  })
  if (!basis.allowed) await refuse(basis)
  return { key, minor }
}
