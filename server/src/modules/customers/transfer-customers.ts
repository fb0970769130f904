import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import {
  clearanceOf,
  decideOwner,
  GONE_STATUSES,
  scopeCondition,
} from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import type { TRANSFER_REASONS } from './attribution.schemas.js'
import { customerInScope } from './customer-guard.js'
import { openCustomer } from './customer-key.js'
import { changeOwner, currentRegistration, ownerHistory } from './registrations.js'

/*
 * Ownership (CUS-5): a manager gives a customer to someone else with a
 * reason — one, or every customer of a person who leaves (ACC-4) — and the
 * customer's own wish (以客户意愿为主, S0 篇五 (五) 3) moves the follow-up to
 * the colleague they asked for. The history stays.
 */

type TransferReason = (typeof TRANSFER_REASONS)[number]

async function activeAccount(call: Call, id: string) {
  return call.deps.db
    .selectFrom('accounts')
    .select(['id', 'department_id'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst()
}

/** The new owner: active, and within the caller's scope as an owner (the policy decides). */
async function namedOwner(call: Call, id: string) {
  const decided = decideOwner(clearanceOf(call.principal), await activeAccount(call, id))
  if (!decided.allowed) {
    throw new AppError(
      decided.code,
      decided.code === 'VALIDATION_FAILED' ? { toOwnerId: 'ownerOutOfScope' } : undefined,
    )
  }
  return decided.owner
}

/** POST /customers/{id}/transfer */
export async function transferCustomer(
  call: Call,
  id: string,
  input: { toOwnerId: string; reason: TransferReason },
): Promise<void> {
  const customer = await customerInScope(call, id, 'customer.owner_changed')
  if (customer.status === 'destroyed') throw new AppError('CUSTOMER_DESTROYED')
  const owner = await namedOwner(call, input.toOwnerId)
  if (customer.owner_id === owner.id) throw new AppError('CUSTOMER_OWNER_UNCHANGED')
  await call.deps.db.transaction().execute(async (trx) => {
    await changeOwner(trx, call, {
      customerId: id,
      toOwnerId: owner.id,
      toDepartmentId: owner.department_id,
      kind: 'transfer',
      reason: input.reason,
    })
  })
}

/** POST /customers/transfer: every customer of one owner, within the caller's scope, to another. */
export async function transferAll(
  call: Call,
  input: { fromOwnerId: string; toOwnerId: string; reason: TransferReason },
): Promise<{ moved: number }> {
  const owner = await namedOwner(call, input.toOwnerId)
  if (input.fromOwnerId === owner.id) throw new AppError('CUSTOMER_OWNER_UNCHANGED')
  const clearance = clearanceOf(call.principal)
  return call.deps.db.transaction().execute(async (trx) => {
    const ids = await trx
      .selectFrom('customers as c')
      .select('c.id')
      .where('c.owner_id', '=', input.fromOwnerId)
      .where('c.status', 'not in', GONE_STATUSES)
      .where(scopeCondition(clearance, 'c'))
      .orderBy('c.id')
      .execute()
    for (const { id } of ids) {
      await changeOwner(trx, call, {
        customerId: id,
        toOwnerId: owner.id,
        toDepartmentId: owner.department_id,
        kind: 'transfer',
        reason: input.reason,
      })
    }
    return { moved: ids.length }
  })
}

/**
 * POST /customers/{id}/wish: the customer asked to be served by a colleague
 * of the same department. The follow-up moves to them; the registration
 * stays with whoever registered the customer, so a deal they close later
 * is split by the registration's rule (80/20 while it is valid).
 */
export async function recordCustomerWish(
  call: Call,
  id: string,
  input: { toOwnerId: string },
): Promise<void> {
  const customer = await customerInScope(call, id, 'customer.owner_changed')
  if (customer.status !== 'active') throw new AppError('CUSTOMER_NOT_ACTIVE')
  const wished = await activeAccount(call, input.toOwnerId)
  if (!wished || wished.department_id !== customer.department_id) {
    throw new AppError('VALIDATION_FAILED', { toOwnerId: 'ownerOutOfScope' })
  }
  if (customer.owner_id === wished.id) throw new AppError('CUSTOMER_OWNER_UNCHANGED')
  await call.deps.db.transaction().execute(async (trx) => {
    await changeOwner(trx, call, {
      customerId: id,
      toOwnerId: wished.id,
      toDepartmentId: wished.department_id,
      kind: 'wish',
      reason: 'customer_wish',
    })
  })
}

/** GET /customers/{id}/attribution: owner, registration, the owners before, and the review history. */
export async function attributionOf(call: Call, id: string) {
  const { deps, now } = call
  const customer = await customerInScope(call, id, 'customer.viewed')
  const [registration, history, reviews] = await Promise.all([
    currentRegistration(deps.db, id, now),
    ownerHistory(deps.db, id),
    deps.db
      .selectFrom('customer_reviews')
      .selectAll()
      .where('customer_id', '=', id)
      .orderBy('at')
      .execute(),
  ])
  const people = await displayNamesOf(deps.db, [
    ...new Set(
      [
        customer.owner_id,
        registration?.accountId,
        ...history.flatMap((h) => [h.from_owner_id, h.to_owner_id, h.changed_by]),
        ...reviews.map((r) => r.by),
      ].filter((x): x is string => typeof x === 'string'),
    ),
  ])
  const person = (accountId: string) => ({ id: accountId, name: people.get(accountId) ?? '' })
  const rejected = reviews.some((r) => r.sealed_reason !== null)
  const key =
    rejected && customer.status !== 'destroyed' ? (await openCustomer(deps, id, false)).key : null
  return {
    owner: customer.owner_id ? person(customer.owner_id) : null,
    registration: registration
      ? {
          registeredBy: person(registration.accountId),
          registeredAt: registration.registeredAt.toISOString(),
          validUntil: registration.validUntil.toISOString(),
          valid: registration.valid,
        }
      : null,
    history: history.map((h) => ({
      from: h.from_owner_id ? person(h.from_owner_id) : null,
      to: h.to_owner_id ? person(h.to_owner_id) : null,
      kind: h.kind,
      reason: h.reason,
      changedBy: h.changed_by ? person(h.changed_by) : null,
      changedAt: h.changed_at,
    })),
    reviews: reviews.map((r) => ({
      event: r.event,
      by: person(r.by),
      at: r.at,
      reason:
        r.sealed_reason && key ? deps.vault.open(key, 'review.reason', r.sealed_reason) : null,
    })),
  }
}
