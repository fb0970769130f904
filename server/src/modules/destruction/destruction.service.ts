import { recordAuditEvent } from '../../audit/audit-log.js'
import type { DatabaseTransaction } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, scopeCondition } from '../../security/customer-policy.js'
import { shredCustomerData } from '../customer-data/index.js'
import { customerInScope } from '../customers/index.js'
import { completeAwaitingErasure } from '../requests/index.js'
import { handOverOpenReviews } from '../retention/index.js'
import { reconcileLedger } from './destruction-ledger.js'
import type { DestructionReason } from './destruction-reasons.js'

export const selectDestructions = (deps: AppDeps) =>
  deps.db
    .selectFrom('destructions as d')
    .innerJoin('accounts as r', 'r.id', 'd.requested_by')
    .leftJoin('accounts as a', 'a.id', 'd.decided_by')
    .selectAll('d')
    .select(['r.display_name as requester_name', 'a.display_name as decider_name'])

type Row = Awaited<ReturnType<ReturnType<typeof selectDestructions>['executeTakeFirstOrThrow']>>

/** The destruction record: what, when, requested and decided by whom — no personal data. */
export const presentDestruction = (row: Row) => ({
  id: row.id,
  customerId: row.customer_id,
  reason: row.reason as DestructionReason,
  status: row.status,
  dataRequestId: row.data_request_id,
  requestedBy: { id: row.requested_by, name: row.requester_name },
  requestedAt: row.requested_at,
  decidedBy: row.decided_by ? { id: row.decided_by, name: row.decider_name ?? '' } : null,
  decidedAt: row.decided_at,
})

/** Destructions of customers in the caller's scope only (ACC-1), filtered by the database, newest first. */
export async function listDestructions(
  call: Call,
  status: 'pending_approval' | 'completed' | 'rejected' | undefined,
) {
  const rows = await selectDestructions(call.deps)
    .innerJoin('customers as c', 'c.id', 'd.customer_id')
    .where(scopeCondition(clearanceOf(call.principal), 'c'))
    .$if(status !== undefined, (q) => q.where('d.status', '=', status ?? 'pending_approval'))
    .orderBy('d.requested_at', 'desc')
    .limit(500)
    .execute()
  return rows.map(presentDestruction)
}

export async function getDestruction(deps: AppDeps, id: string) {
  const row = await selectDestructions(deps).where('d.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND')
  return presentDestruction(row)
}

/** The completed destruction of a customer, as a destroyed customer answers with it. */
export async function destructionOf(deps: AppDeps, customerId: string) {
  const row = await selectDestructions(deps)
    .where('d.customer_id', '=', customerId)
    .where('d.status', '=', 'completed')
    .executeTakeFirst()
  return row ? presentDestruction(row) : null
}

export async function activeHold(trx: AppDeps['db'] | DatabaseTransaction, customerId: string) {
  return trx
    .selectFrom('legal_holds')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('released_at', 'is', null)
    .executeTakeFirst()
}

/**
 * POST /customers/{id}/destruction (RET-2, ACC-5): asks for the customer's
 * destruction with a reason. Nothing is destroyed until a second authorised
 * person approves. Refused while a legal hold stands.
 */
export async function requestDestruction(
  call: Call,
  customerId: string,
  reason: DestructionReason,
) {
  const { deps, context, principal, now } = call
  const row = await customerInScope(call, customerId, 'customer.destruction_requested')
  if (await activeHold(deps.db, customerId)) throw new AppError('LEGAL_HOLD')
  const id = await deps.db.transaction().execute(async (trx) => {
    const pendingRequest = await trx
      .selectFrom('data_requests')
      .select('id')
      .where('customer_id', '=', row.id)
      .where('status', '=', 'awaiting_destruction')
      .executeTakeFirst()
    const inserted = await trx
      .insertInto('destructions')
      .values({
        customer_id: customerId,
        reason,
        status: 'pending_approval',
        data_request_id: pendingRequest?.id ?? null,
        requested_by: principal.accountId,
        requested_at: now,
        decided_by: null,
        decided_at: null,
      })
      .onConflict((c) => c.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) throw new AppError('DESTRUCTION_PENDING')
    // The review queue hands the customer over (RET-1).
    await handOverOpenReviews(trx, customerId, { by: principal.accountId, at: now })
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'customer.destruction_requested',
      target: { type: 'customer', id: customerId },
      details: { destructionId: inserted.id, reason },
    })
    return inserted.id
  })
  return getDestruction(deps, id)
}

/**
 * POST /destructions/{id}/approve: a second person, not the requester,
 * approves, and the customer is destroyed at once by crypto-shredding: the
 * data key is deleted — every value sealed under it, here and in any
 * backup, can no longer be opened — and so are the sealed values and the
 * blind-index tokens. The row that remains keeps only non-personal
 * attributes, for statistics. A deletion request waiting on this completes.
 */
export async function decideDestruction(call: Call, id: string, approve: boolean) {
  const { deps, context, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    const destruction = await trx
      .selectFrom('destructions')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!destruction) throw new AppError('NOT_FOUND')
    if (destruction.status !== 'pending_approval') throw new AppError('DESTRUCTION_DECIDED')
    if (destruction.requested_by === principal.accountId) {
      await recordAuditEvent(trx, now, context, {
        actor: principal.actor,
        action: 'customer.destruction_approved',
        target: { type: 'customer', id: destruction.customer_id },
        outcome: 'denied',
        reason: 'same_person',
        details: { destructionId: id },
      })
      throw new AppError('SECOND_APPROVER_REQUIRED')
    }
    const customerId = destruction.customer_id
    if (approve && (await activeHold(trx, customerId))) throw new AppError('LEGAL_HOLD')
    await trx
      .updateTable('destructions')
      .set({
        status: approve ? 'completed' : 'rejected',
        decided_by: principal.accountId,
        decided_at: now,
      })
      .where('id', '=', id)
      .execute()
    if (approve) {
      await shred(trx, customerId, now)
      await completeAwaitingErasure(trx, customerId, now)
    }
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: approve ? 'customer.destroyed' : 'customer.destruction_rejected',
      target: { type: 'customer', id: customerId },
      details: { destructionId: id, reason: destruction.reason },
    })
  })
  // Outside the database too, so a restore of an older backup destroys it again.
  if (approve) await reconcileLedger(deps.db, deps.config.dataDir)
  return getDestruction(deps, id)
}

/**
 * Crypto-shredding: every holder of customer data shreds what it holds
 * (modules/customer-data): the key, sealed values and tokens go; the
 * anonymised row and the proof of decisions stay.
 */
export async function shred(trx: DatabaseTransaction, customerId: string, now: Date) {
  await shredCustomerData(trx, customerId, now)
}

/** Legal holds (RET-1): while one stands, the customer cannot be destroyed. */
export async function placeLegalHold(call: Call, customerId: string, reference: string) {
  const { deps, context, principal, now } = call
  await customerInScope(call, customerId, 'customer.legal_hold_placed')
  return deps.db.transaction().execute(async (trx) => {
    const hold = await trx
      .insertInto('legal_holds')
      .values({
        customer_id: customerId,
        reference,
        placed_by: principal.accountId,
        placed_at: now,
        released_by: null,
        released_at: null,
      })
      .returning(['id', 'customer_id', 'reference', 'placed_at'])
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'customer.legal_hold_placed',
      target: { type: 'customer', id: customerId },
      details: { holdId: hold.id },
    })
    return { id: hold.id, customerId, reference: hold.reference, placedAt: hold.placed_at }
  })
}

export async function releaseLegalHold(call: Call, holdId: string) {
  const { deps, context, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    const hold = await trx
      .updateTable('legal_holds')
      .set({ released_by: principal.accountId, released_at: now })
      .where('id', '=', holdId)
      .where('released_at', 'is', null)
      .returning('customer_id')
      .executeTakeFirst()
    if (!hold) throw new AppError('NOT_FOUND')
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'customer.legal_hold_released',
      target: { type: 'customer', id: hold.customer_id },
      details: { holdId },
    })
  })
}
