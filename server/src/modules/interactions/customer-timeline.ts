import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Call } from '../../platform/http/call.js'
import { consentLedgerOf } from '../consents/index.js'
import { customerInScope } from '../customers/index.js'
import { customerDealSteps } from '../deals/index.js'
import { customerRequests } from '../requests/index.js'
import { presentInteraction, presentOutcome } from './interactions.presenter.js'
import { interactionOutcomes, interactionsOf } from './interactions.repository.js'

type Kind = 'interaction' | 'deal' | 'consent' | 'request'

/** How many interactions a timeline carries at most (the latest). */
const TIMELINE_INTERACTIONS = 500

/**
 * GET /customers/{id}/timeline (CUS-6): what happened with a customer, the
 * latest first — interactions (notes masked), every stage a deal reached,
 * every grant and withdrawal of a consent, every request received — each
 * kind only for a caller whose permissions show it where it lives: deals to
 * `deals.manage` (without the amount), requests to `requests.manage`;
 * interactions and consents to whoever may read the customer. Audited with
 * the kinds shown and the count.
 */
export async function customerTimeline(call: Call, customerId: string) {
  const { deps, principal } = call
  await customerInScope(call, customerId, 'customer.timeline_viewed')
  const shown: Kind[] = ['interaction', 'consent']
  if (principal.permissions.has('deals.manage')) shown.push('deal')
  if (principal.permissions.has('requests.manage')) shown.push('request')

  // The kinds are read side by side: on a server each is its own connection's round trip.
  const [interactionRows, consentRows, dealRows, requestRows, outcomes] = await Promise.all([
    interactionsOf(deps.db, customerId, TIMELINE_INTERACTIONS),
    consentLedgerOf(deps.db, customerId),
    shown.includes('deal') ? customerDealSteps(deps.db, customerId) : [],
    shown.includes('request') ? customerRequests(deps.db, customerId) : [],
    interactionOutcomes(deps.db),
  ])
  const interactions = interactionRows.map((row) => ({
    kind: 'interaction' as const,
    at: row.occurred_at,
    interaction: presentInteraction(row),
  }))
  const consents = consentRows.map((c) => ({
    kind: 'consent' as const,
    at: c.recorded_at,
    consent: { purpose: c.purpose, granted: c.granted },
  }))
  const deals = dealRows.map((d) => ({
    kind: 'deal' as const,
    at: d.changed_at,
    deal: {
      id: d.id,
      stage: d.stage,
      stageName: { zh: d.label_zh, en: d.label_en },
      product: d.product,
    },
  }))
  const requests = requestRows.map((r) => ({
    kind: 'request' as const,
    at: r.received_at,
    request: { id: r.id, type: r.type, status: r.status },
  }))
  const entries = [...interactions, ...deals, ...consents, ...requests].sort(
    (a, b) => b.at.getTime() - a.at.getTime(),
  )
  await recordAuditEvent(deps.db, call.now, call.context, {
    actor: principal.actor,
    action: 'customer.timeline_viewed',
    target: { type: 'customer', id: customerId },
    details: { shown, count: entries.length },
  })
  return {
    entries,
    shown,
    outcomes: outcomes.map(presentOutcome),
  }
}
