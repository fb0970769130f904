import type { Call } from '../../platform/http/call.js'
import type { FieldRule } from '../../security/customer-policy.js'
import { consentStates } from '../consents/index.js'
import {
  customerInScope,
  passRevealGate,
  REVEAL_DISPLAY_SECONDS,
  revealAudit,
} from '../customers/index.js'
import { presentValues } from './tracking.presenter.js'
import { checksOf, versionsOf } from './tracking.repository.js'
import { SEALED } from './tracking-forms.js'

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
  const { deps } = call
  const customer = await customerInScope(call, customerId, 'tracking_form.revealed')
  const { audit, refuse } = revealAudit(call, {
    action: 'tracking_form.revealed',
    target: { type: 'customer', id: customer.id },
    fields: ['values', 'comments'],
    purpose: purposeCode,
  })
  const [{ key, minor }, [latest], checks] = await Promise.all([
    passRevealGate(call, {
      rule: FORM_RULE,
      customer,
      purpose: purposeCode,
      refuse,
      standingConsents: (customerId, purposes) => consentStates(deps.db, customerId, purposes),
    }),
    versionsOf(deps.db, customer.id, 1),
    checksOf(deps.db, customer.id),
  ])
  const values = latest?.sealed.values
    ? presentValues(JSON.parse(deps.vault.open(key, SEALED.values, latest.sealed.values)))
    : {}
  const comments = Object.fromEntries(
    checks.flatMap((c) =>
      c.sealed.comment ? [[c.id, deps.vault.open(key, SEALED.comment, c.sealed.comment)]] : [],
    ),
  )
  await audit('allowed', undefined, minor)
  return {
    customerId: customer.id,
    values,
    comments,
    purpose: purposeCode,
    displaySeconds: REVEAL_DISPLAY_SECONDS,
  }
}
