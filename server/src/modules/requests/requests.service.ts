import type { AuditAction } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database, DatabaseTransaction } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, scopeCondition } from '../../security/customer-policy.js'
import type { CustomerKey } from '../../security/vault.js'
import { deadlineFor, loadOverrides } from '../calendar/index.js'
import { customerInScope, maskedNamesOf, openCustomer } from '../customers/index.js'
import { presentRequest, type RequestRow, type RequestTexts } from './request-view.js'
import type { CreateRequestInput } from './requests.schemas.js'

export const selectRequests = (db: Database | DatabaseTransaction) =>
  db
    .selectFrom('data_requests as r')
    .leftJoin('accounts as a', 'a.id', 'r.assignee_id')
    .leftJoin('accounts as v', 'v.id', 'r.identity_verified_by')
    .selectAll('r')
    .select(['a.display_name as assignee_name', 'v.display_name as verifier_name'])

export async function viewContext(deps: AppDeps) {
  return {
    now: deps.clock.now(),
    timeZone: deps.config.timeZone,
    overrides: await loadOverrides(deps.db),
  }
}

/** The steps of a request: each is written to its operation log and, under its action, to the audit trail. */
const STEP_ACTIONS = {
  received: 'request.received',
  assigned: 'request.assigned',
  identity_verified: 'request.identity_verified',
  refused: 'request.refused',
  fulfilled: 'request.fulfilled',
  handed_to_destruction: 'request.handed_to_destruction',
} as const satisfies Record<string, AuditAction>

export type RequestStep = keyof typeof STEP_ACTIONS

/** One step of a request: its operation log and the audit trail, in the caller's transaction. */
export async function logStep(
  trx: DatabaseTransaction,
  call: Call,
  step: {
    request: { id: string; customer_id: string }
    action: RequestStep
    details?: Record<string, unknown>
  },
) {
  const { context, principal, now } = call
  const { request, action, details } = step
  await trx
    .insertInto('data_request_events')
    .values({ request_id: request.id, action, actor_id: principal.accountId, at: now })
    .execute()
  await recordAuditEvent(trx, now, context, {
    actor: principal.actor,
    action: STEP_ACTIONS[action],
    target: { type: 'customer', id: request.customer_id },
    details: { requestId: request.id, ...details },
  })
}

/**
 * POST /requests (DSR-1): a customer's request, taken in by staff (or
 * through the API). Its deadline is fixed now: the configured number of
 * working days after the day of receipt.
 */
export async function createRequest(call: Call, input: CreateRequestInput) {
  const { deps, principal, now } = call
  await customerInScope(call, input.customerId, 'request.received')
  const receivedAt = input.receivedAt ?? now
  if (receivedAt > now) throw new AppError('VALIDATION_FAILED', { receivedAt: 'invalid' })
  const purposes = [...new Set(input.purposes ?? [])]
  if (input.type === 'withdraw') await requireConsentPurposes(deps, purposes)

  const overrides = await loadOverrides(deps.db)
  const due = deadlineFor(receivedAt, {
    workingDays: deps.config.requestWorkingDays,
    timeZone: deps.config.timeZone,
    overrides,
  })
  const sealed: Record<string, string> = {}
  if (input.details) {
    const { key } = await openCustomer(deps, input.customerId, false)
    sealed.details = deps.vault.seal(key, 'request.details', input.details)
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('data_requests')
      .values({
        customer_id: input.customerId,
        type: input.type,
        status: 'received',
        channel: input.channel,
        purposes,
        sealed: JSON.stringify(sealed),
        assignee_id: null,
        identity_method: null,
        identity_verified_by: null,
        identity_verified_at: null,
        received_at: receivedAt,
        due_day: due.dueDay,
        due_at: due.dueAt,
        warned_at: null,
        overdue_at: null,
        closed_at: null,
        created_by: principal.accountId,
      })
      .returning(['id', 'customer_id'])
      .executeTakeFirstOrThrow()
    await logStep(trx, call, {
      request: row,
      action: 'received',
      details: {
        type: input.type,
        dueDay: due.dueDay,
      },
    })
    return row.id
  })
  return requestAfterStep(call, id)
}

async function requireConsentPurposes(deps: AppDeps, purposes: string[]) {
  if (purposes.length === 0)
    throw new AppError('VALIDATION_FAILED', { purposes: 'purposesRequired' })
  const known = await deps.db
    .selectFrom('purposes')
    .select('code')
    .where('code', 'in', purposes)
    .where('legal_basis', '=', 'consent')
    .execute()
  if (known.length !== purposes.length) {
    throw new AppError('VALIDATION_FAILED', { purposes: 'notAllowed' })
  }
}

/** The queue, most urgent first, of customers in the caller's scope (ACC-1); free texts stay sealed here. */
export async function listRequests(
  call: Call,
  query: {
    status?: string | undefined
    customerId?: string | undefined
    open?: string | undefined
  },
) {
  const { deps, principal } = call
  const rows = await selectRequests(deps.db)
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .where(scopeCondition(clearanceOf(principal), 'c'))
    .$if(query.status !== undefined, (q) =>
      q.where('r.status', '=', query.status as RequestRow['status']),
    )
    .$if(query.customerId !== undefined, (q) =>
      q.where('r.customer_id', '=', query.customerId ?? ''),
    )
    .$if(query.open === 'true', (q) => q.where('r.status', 'in', ['received', 'in_progress']))
    .orderBy('r.due_at')
    .limit(500)
    .execute()
  const [context, names] = await Promise.all([
    viewContext(deps),
    maskedNamesOf(deps, [...new Set(rows.map((row) => row.customer_id))]),
  ])
  return rows.map((row) =>
    presentRequest(row, context, { customerName: names.get(row.customer_id) ?? null }),
  )
}

export async function findRequest(db: Database | DatabaseTransaction, id: string) {
  const row = await selectRequests(db).where('r.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('REQUEST_NOT_FOUND')
  return row
}

/** One request opened by a reader (GET /requests/{id}): the opening is audited. */
export async function getRequest(call: Call, id: string) {
  const { deps, context, principal, now } = call
  const row = await findRequest(deps.db, id)
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'request.viewed',
    target: { type: 'customer', id: row.customer_id },
    details: { requestId: id },
  })
  return presentWithLog(deps, row)
}

/**
 * A request as a step of it left it, for the step's answer: the step's own
 * audit event records that this caller handled it, so the answer is not a
 * second reading (one filing wrote two request.viewed, issue 14 item 11).
 */
export async function requestAfterStep(call: Call, id: string) {
  return presentWithLog(call.deps, await findRequest(call.deps.db, id))
}

/** A request with its free texts opened and its operation log. */
async function presentWithLog(deps: AppDeps, row: RequestRow) {
  const [opened, names, events] = await Promise.all([
    // A destroyed customer's key is gone: the request stays readable, its sealed texts do not.
    openCustomer(deps, row.customer_id, false).catch(() => null),
    maskedNamesOf(deps, [row.customer_id]),
    deps.db
      .selectFrom('data_request_events as e')
      .leftJoin('accounts as a', 'a.id', 'e.actor_id')
      .select(['e.action', 'a.display_name', 'e.at'])
      .where('e.request_id', '=', row.id)
      .orderBy('e.id')
      .execute(),
  ])
  return {
    ...presentRequest(row, await viewContext(deps), {
      ...(opened && { texts: openTexts(deps, opened.key, row) }),
      customerName: names.get(row.customer_id) ?? null,
    }),
    events: events.map((e) => ({ action: e.action, actor: e.display_name, at: e.at })),
  }
}

/** The request's free texts a view shows, each opened once with the customer's key. */
function openTexts(deps: AppDeps, key: CustomerKey, row: RequestRow): RequestTexts {
  const open = (field: keyof RequestTexts) => {
    const sealed = row.sealed[field]
    return sealed ? deps.vault.open(key, `request.${field}`, sealed) : null
  }
  return { details: open('details'), refusal: open('refusal'), identity: open('identity') }
}

/** An open request, locked for a step; a closed one refuses every step. */
export async function lockOpenRequest(trx: DatabaseTransaction, id: string) {
  const row = await trx
    .selectFrom('data_requests')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new AppError('REQUEST_NOT_FOUND')
  if (row.status !== 'received' && row.status !== 'in_progress')
    throw new AppError('REQUEST_CLOSED')
  return row
}

export async function assignRequest(call: Call, id: string, assigneeId: string) {
  const { deps } = call
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockOpenRequest(trx, id)
    const assignee = await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', assigneeId)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (!assignee) throw new AppError('VALIDATION_FAILED', { assigneeId: 'notAllowed' })
    await trx
      .updateTable('data_requests')
      .set({ assignee_id: assigneeId, status: 'in_progress' })
      .where('id', '=', id)
      .execute()
    await logStep(trx, call, { request: row, action: 'assigned', details: { assigneeId } })
  })
  return requestAfterStep(call, id)
}

export async function verifyIdentity(
  call: Call,
  id: string,
  input: { method: string; note?: string | undefined },
) {
  const { deps, principal, now } = call
  // The key is opened before the transaction: the embedded database has one connection.
  const { key } = await openCustomer(deps, (await findRequest(deps.db, id)).customer_id, false)
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockOpenRequest(trx, id)
    const sealed = { ...row.sealed }
    if (input.note) sealed.identity = deps.vault.seal(key, 'request.identity', input.note)
    await trx
      .updateTable('data_requests')
      .set({
        identity_method: input.method,
        identity_verified_by: principal.accountId,
        identity_verified_at: now,
        status: 'in_progress',
        sealed: JSON.stringify(sealed),
      })
      .where('id', '=', id)
      .execute()
    await logStep(trx, call, {
      request: row,
      action: 'identity_verified',
      details: { method: input.method },
    })
  })
  return requestAfterStep(call, id)
}

/** A refusal states its reason (PIPL Art. 50); the reason is kept sealed with the customer's key. */
export async function refuseRequest(call: Call, id: string, reason: string | undefined) {
  const { deps, now } = call
  const stated = reason?.trim() ?? ''
  if (stated.length < 2) throw new AppError('VALIDATION_FAILED', { reason: 'reasonRequired' })
  const { key } = await openCustomer(deps, (await findRequest(deps.db, id)).customer_id, false)
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockOpenRequest(trx, id)
    const sealed = { ...row.sealed, refusal: deps.vault.seal(key, 'request.refusal', stated) }
    await trx
      .updateTable('data_requests')
      .set({ status: 'refused', closed_at: now, sealed: JSON.stringify(sealed) })
      .where('id', '=', id)
      .execute()
    await logStep(trx, call, { request: row, action: 'refused' })
  })
  return requestAfterStep(call, id)
}
