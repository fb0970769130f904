import type { AuditAction } from '../../audit/audit-actions.js'
import { type JsonValue, recordAuditEvent } from '../../audit/audit-log.js'
import { AppError, type ErrorCode } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { CustomerRecordKind } from '../../platform/http/customer-scope.js'
import {
  clearanceOf,
  decideCustomerAccess,
  type GuardedCustomer,
} from '../../security/customer-policy.js'
import { loadCatalogue } from '../catalogue/index.js'
import {
  type CustomerRead,
  type CustomerRow,
  selectCustomer,
  selectCustomerWithSealed,
} from './customers.repository.js'
import { LINKED_RECORDS, type OwningCustomer } from './linked-records.js'
import { seesSensitive } from './visible-values.js'

/** What the caller is trying to do, as the audit trail names it. */
export type Attempt = {
  /** The audit action a refusal is recorded under (the action attempted). */
  action: AuditAction
  /** The customer the audit event names; the record's own id unless told (an id as asked for). */
  customerId?: string
  /** The answer for a missing record, and so for one out of scope. */
  notFound?: ErrorCode
  /** Let a destroyed customer through (its destruction record is all that is left to see). */
  admitDestroyed?: boolean
  details?: { [key: string]: JsonValue }
}

/**
 * THE guard (ACC-1, RET-2): the only way a module takes a customer, or a
 * record that belongs to one, for a caller. The customer-data policy
 * decides; the guard acts: a record missing or outside the caller's scope
 * gets the same 404, so scope cannot be probed, and the attempt on an
 * existing record is audited `out_of_scope` (the alert rule of AUD-3
 * watches for it); a destroyed customer is refused.
 */
export async function guardCustomer<T extends GuardedCustomer & { id: string }>(
  call: Call,
  customer: T | undefined,
  attempt: Attempt,
): Promise<T> {
  const { deps, context, principal, now } = call
  const notFound = attempt.notFound ?? 'CUSTOMER_NOT_FOUND'
  if (!customer) throw new AppError(notFound)
  const decision = decideCustomerAccess(clearanceOf(principal), customer, attempt)
  if (decision.allowed) return customer
  if (decision.reason !== 'out_of_scope') throw new AppError(decision.code)
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: attempt.action,
    target: { type: 'customer', id: attempt.customerId ?? customer.id },
    outcome: 'denied',
    reason: decision.reason,
    ...(attempt.details && { details: attempt.details }),
  })
  throw new AppError(notFound)
}

/** The customer `id`, read and guarded for the caller. */
export async function customerInScope(
  call: Call,
  id: string,
  action: AuditAction,
): Promise<CustomerRow> {
  const { deps } = call
  const row = await selectCustomer(deps.db, id)
  return guardCustomer(call, row, { action, customerId: id })
}

/**
 * The customer `id` with its sealed values, in one round trip, guarded:
 * the values the caller may see, or all of them. Nothing is opened here.
 * The sensitive store is read only when the caller may see from it, or for
 * `all` (CLS-3).
 */
export async function customerReadInScope(
  call: Call,
  id: string,
  reads: 'visible' | 'all',
  attempt: Omit<Attempt, 'customerId' | 'notFound'>,
): Promise<CustomerRead> {
  const { deps, principal } = call
  const withSensitive =
    reads === 'all' || seesSensitive(await loadCatalogue(deps.db), clearanceOf(principal))
  const found = await selectCustomerWithSealed(deps.db, id, withSensitive)
  const row = await guardCustomer(call, found?.row, { ...attempt, customerId: id })
  return {
    row,
    sealed: found?.sealed ?? null,
    ...(found?.attribution && { attribution: found.attribution }),
  }
}

/**
 * The customer a customer-linked record belongs to (a request, a
 * destruction, a legal hold…), guarded for the caller; the record's own
 * "not found" answers for it. A destroyed customer's records stay in reach:
 * they are what is left of it.
 */
export async function linkedRecordInScope(
  call: Call,
  record: { kind: CustomerRecordKind; id: string },
  attempt: Pick<Attempt, 'action' | 'details'>,
): Promise<OwningCustomer> {
  const linked = LINKED_RECORDS[record.kind]
  const customers = await linked.customersOf(call.deps.db, record.id)
  const guarded = { ...attempt, notFound: linked.notFound, admitDestroyed: true }
  // Every customer the record belongs to must be in scope (a pair has two).
  const [first, ...others] = customers
  const owner = await guardCustomer(call, first, guarded)
  for (const other of others) await guardCustomer(call, other, guarded)
  return owner
}
