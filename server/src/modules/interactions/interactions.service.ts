import type { Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { DB, InteractionChannel, SealedValues } from '../../db/schema.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { FieldRule } from '../../security/customer-policy.js'
import { consentStates } from '../consents/index.js'
import {
  customerInScope,
  openCustomer,
  passRevealGate,
  REVEAL_DISPLAY_SECONDS,
  recordCustomerActivity,
  recordFirstContact,
  revealAudit,
  selectCustomer,
} from '../customers/index.js'
import { presentInteraction, presentOutcome } from './interactions.presenter.js'
import {
  findInteraction,
  insertInteraction,
  interactionOutcomes,
  interactionsOf,
  isActiveStaff,
  type NewInteraction,
} from './interactions.repository.js'
import type { LogInteractionInput } from './interactions.schemas.js'

/** How long a screen may show a revealed note before masking it again (as a customer reveal). */

/**
 * A note and a next step are free text about a person: level-2 data, sealed
 * under the customer's key, shown masked, and opened only by a reveal for a
 * purpose that reaches level 2 (docs/interactions.md).
 */
const NOTE_RULE: FieldRule = {
  field: 'interaction.note',
  level: 2,
  sensitive: false,
  masking: 'text',
}
const SEALED_FIELDS = { note: 'interaction.note', nextStep: 'interaction.next_step' } as const

const invalid = (fields: Record<string, FieldMessageKey>) =>
  new AppError('VALIDATION_FAILED', fields)

async function checkOutcome(call: Call, outcome: string | undefined): Promise<string | null> {
  if (outcome === undefined) return null
  const known = (await interactionOutcomes(call.deps.db)).find((o) => o.code === outcome)
  if (!known?.active) throw invalid({ outcome: 'notAllowed' })
  return outcome
}

/**
 * Inserts an interaction with its audit event, renews the customer's
 * registration (every interaction is a follow-up, CUS-5, CUS-10) and keeps
 * its first contact, inside the caller's transaction.
 */
async function record(trx: Transaction<DB>, call: Call, entry: NewInteraction): Promise<string> {
  const id = await insertInteraction(trx, entry)
  await recordAuditEvent(trx, call.now, call.context, {
    actor: call.principal.actor,
    action: 'interaction.logged',
    target: { type: 'interaction', id },
    details: {
      customerId: entry.customerId,
      channel: entry.channel,
      direction: entry.direction,
      ...(entry.outcome && { outcome: entry.outcome }),
      ...(entry.origin && { origin: entry.origin.kind }),
      hasNote: entry.sealed.note !== undefined,
    },
  })
  await recordCustomerActivity(trx, {
    customerId: entry.customerId,
    at: entry.occurredAt,
    kind: 'follow_up',
  })
  await recordFirstContact(trx, {
    customerId: entry.customerId,
    at: entry.occurredAt,
    staffId: entry.staffId,
  })
  return id
}

/** POST /customers/{id}/interactions (CUS-6): one interaction with an active customer in scope. */
export async function logInteraction(call: Call, customerId: string, input: LogInteractionInput) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, customerId, 'interaction.logged')
  if (customer.status !== 'active') throw new AppError('INTERACTION_CUSTOMER_NOT_ACTIVE')
  const occurredAt = input.occurredAt ?? now
  if (occurredAt.getTime() > now.getTime()) throw invalid({ occurredAt: 'notAllowed' })
  const outcome = await checkOutcome(call, input.outcome)
  const staffId = input.staffId ?? principal.accountId
  if (input.staffId && !(await isActiveStaff(deps.db, input.staffId, customer.department_id))) {
    throw new AppError('INTERACTION_STAFF_UNKNOWN')
  }
  const sealed: SealedValues = {}
  if (input.note !== undefined || input.nextStep !== undefined) {
    // The key is opened before the transaction: one connection may be all there is.
    const { key } = await openCustomer(deps, customer.id, false)
    if (input.note !== undefined) sealed.note = deps.vault.seal(key, SEALED_FIELDS.note, input.note)
    if (input.nextStep !== undefined) {
      sealed.nextStep = deps.vault.seal(key, SEALED_FIELDS.nextStep, input.nextStep)
    }
  }
  const id = await deps.db.transaction().execute((trx) =>
    record(trx, call, {
      customerId: customer.id,
      occurredAt,
      staffId,
      channel: input.channel,
      direction: input.direction,
      durationMinutes: input.durationMinutes ?? null,
      outcome,
      sealed,
      origin: null,
      createdBy: principal.accountId,
      at: now,
    }),
  )
  const row = await findInteraction(deps.db, id)
  if (!row) throw new AppError('INTERACTION_NOT_FOUND')
  return presentInteraction(row)
}

/** A visit or a call of the reception registers, as the registers hand it over. */
export type RegisterEntry = {
  customerId: string
  origin: 'reception_visit' | 'reception_call'
  originRef: string
  channel: 'visit' | 'phone' | 'wechat' | 'online' | 'other'
  occurredAt: Date
  staffId: string
  durationMinutes: number | null
  outcome: string
}

const REGISTER_CHANNELS: Record<RegisterEntry['channel'], InteractionChannel> = {
  visit: 'visit',
  phone: 'phone',
  wechat: 'wechat',
  online: 'message',
  other: 'other',
}

/**
 * A finished visit or a logged call with a customer, logged as an inbound
 * interaction in the register's own transaction (one step, CUS-6): an
 * active customer gets the interaction; any customer gets the follow-up
 * (the registration renewed, the pool's clock restarted). Nothing is sealed:
 * the registers carry no note.
 */
export async function logFromRegister(
  trx: Transaction<DB>,
  call: Call,
  entry: RegisterEntry,
): Promise<void> {
  const customer = await selectCustomer(trx, entry.customerId)
  if (!customer) return
  const outcomes = await interactionOutcomes(trx)
  const outcome = outcomes.some((o) => o.code === entry.outcome) ? entry.outcome : null
  if (customer.status !== 'active') {
    await recordCustomerActivity(trx, {
      customerId: customer.id,
      at: entry.occurredAt,
      kind: 'follow_up',
    })
    return
  }
  await record(trx, call, {
    customerId: customer.id,
    occurredAt: entry.occurredAt,
    staffId: entry.staffId,
    channel: REGISTER_CHANNELS[entry.channel],
    direction: 'inbound',
    durationMinutes: entry.durationMinutes,
    outcome,
    sealed: {},
    origin: { kind: entry.origin, ref: entry.originRef },
    createdBy: call.principal.accountId,
    at: call.now,
  })
}

/** GET /customers/{id}/interactions: a customer's interactions, notes masked, audited. */
export async function listInteractions(call: Call, customerId: string, limit: number) {
  const { deps, principal } = call
  await customerInScope(call, customerId, 'interaction.listed')
  const rows = await interactionsOf(deps.db, customerId, limit)
  await recordAuditEvent(deps.db, call.now, call.context, {
    actor: principal.actor,
    action: 'interaction.listed',
    target: { type: 'customer', id: customerId },
    details: { count: rows.length },
  })
  return {
    items: rows.map(presentInteraction),
    outcomes: (await interactionOutcomes(deps.db)).map(presentOutcome),
  }
}

/**
 * POST /interactions/{id}/reveal: the plain note and next step, for a
 * stated purpose, decided as a customer reveal is (ACC-2): the scope (the
 * route's guard), a per-account rate limit, an active purpose, the reveal
 * grant and a clearance of level 2, a purpose that reaches level 2 and
 * names no narrower list of fields, a legal basis with this customer.
 * Every refusal and every reveal is audited with the purpose — never the
 * text — and the reveal is on the record before the text leaves.
 */
export async function revealInteraction(call: Call, id: string, purposeCode: string) {
  const { deps } = call
  const row = await findInteraction(deps.db, id)
  if (!row) throw new AppError('INTERACTION_NOT_FOUND')
  const { audit, refuse } = revealAudit(call, {
    action: 'interaction.revealed',
    target: { type: 'interaction', id },
    fields: ['note', 'nextStep'],
    purpose: purposeCode,
    details: { customerId: row.customer_id },
  })
  const customer = await selectCustomer(deps.db, row.customer_id)
  if (!customer) throw new AppError('INTERACTION_NOT_FOUND')
  const { key, minor } = await passRevealGate(call, {
    rule: NOTE_RULE,
    customer,
    purpose: purposeCode,
    refuse,
    standingConsents: (customerId, purposes) => consentStates(deps.db, customerId, purposes),
  })
  const open = (field: keyof typeof SEALED_FIELDS) => {
    const sealed = row.sealed[field]
    return sealed === undefined ? null : deps.vault.open(key, SEALED_FIELDS[field], sealed)
  }
  const note = open('note')
  const nextStep = open('nextStep')
  await audit('allowed', undefined, minor)
  return { id, note, nextStep, purpose: purposeCode, displaySeconds: REVEAL_DISPLAY_SECONDS }
}
