import type { AuditReason } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError, type ErrorCode, type FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { countHit } from '../../platform/rate-limit.js'
import {
  clearanceOf,
  consentsNeeded,
  decideLegalBasis,
  decideRevealRequest,
  type FieldRule,
} from '../../security/customer-policy.js'
import { consentStates } from '../consents/index.js'
import { customerInScope, openCustomer } from '../customers/index.js'
import { findActivePurpose } from '../purposes/index.js'
import { presentValues } from './tracking.presenter.js'
import { checksOf, versionsOf } from './tracking.repository.js'
import { SEALED } from './tracking-forms.js'

/** How long a screen may show revealed values before masking them again (as a customer reveal). */
const REVEAL_DISPLAY_SECONDS = 60

/**
 * A form's values and the checks' comments are free text about a person:
 * level-2 data, opened only by a reveal for a purpose that reaches level 2,
 * as an interaction's note is (docs/tracking.md).
 */
const FORM_RULE: FieldRule = {
  field: 'tracking_form.values',
  level: 2,
  sensitive: false,
  masking: 'text',
}

/**
 * POST /customers/{id}/tracking-form/reveal: the plain values of the
 * current version and the comments of the checks, for a stated purpose,
 * decided as a customer reveal is (ACC-2): the scope, the per-account rate
 * limit, an active purpose, the reveal grant and a clearance of level 2, a
 * purpose reaching level 2, a legal basis with this customer. Every
 * refusal and every reveal is audited with the purpose, never a value, and
 * the reveal is on the record before the values leave.
 */
export async function revealTrackingForm(call: Call, customerId: string, purposeCode: string) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, customerId, 'tracking_form.revealed')
  const audit = (outcome: 'allowed' | 'denied', reason?: AuditReason) =>
    recordAuditEvent(deps.db, now, call.context, {
      actor: principal.actor,
      action: 'tracking_form.revealed',
      target: { type: 'customer', id: customer.id },
      fields: ['values', 'comments'],
      purpose: purposeCode,
      outcome,
      ...(reason && { reason }),
    })
  const refuse = async (denial: {
    code: ErrorCode
    reason: AuditReason
    fields?: Record<string, FieldMessageKey>
  }): Promise<never> => {
    await audit('denied', denial.reason)
    throw new AppError(denial.code, denial.fields)
  }
  const hits = await countHit(deps.db, `reveal:${principal.accountId}`, now, 60_000)
  if (hits > deps.config.revealRateLimit) {
    await refuse({ code: 'RATE_LIMITED', reason: 'rate_limited' })
  }
  const asked = decideRevealRequest(
    clearanceOf(principal),
    [FORM_RULE],
    await findActivePurpose(deps.db, purposeCode),
  )
  if (!asked.allowed) return refuse(asked)
  const basis = decideLegalBasis({
    customer,
    purpose: asked.purpose,
    touchesSensitive: false,
    minor: false,
    consents: await consentStates(deps.db, customer.id, consentsNeeded(customer, asked.purpose)),
  })
  if (!basis.allowed) await refuse(basis)
  const [[latest], checks, { key }] = await Promise.all([
    versionsOf(deps.db, customer.id, 1),
    checksOf(deps.db, customer.id),
    openCustomer(deps, customer.id, false),
  ])
  const values = latest?.sealed.values
    ? presentValues(JSON.parse(deps.vault.open(key, SEALED.values, latest.sealed.values)))
    : {}
  const comments = Object.fromEntries(
    checks.flatMap((c) =>
      c.sealed.comment ? [[c.id, deps.vault.open(key, SEALED.comment, c.sealed.comment)]] : [],
    ),
  )
  await audit('allowed')
  return {
    customerId: customer.id,
    values,
    comments,
    purpose: purposeCode,
    displaySeconds: REVEAL_DISPLAY_SECONDS,
  }
}
