import { recordAuditEvent } from '../../audit/audit-log.js'
import type { ImprovementStatus } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { displayNamesOf } from '../accounts/index.js'
import { dayIn } from '../calendar/index.js'
import { customerInScope } from '../customers/index.js'
import { presentImprovement } from './feedback.presenter.js'
import {
  findImprovement,
  findResponse,
  type ImprovementRow,
  insertImprovement,
  isActiveAccount,
  listImprovements,
  updateImprovement,
} from './feedback.repository.js'
import type { CreateImprovementInput, UpdateImprovementInput } from './feedback.schemas.js'

const todayOf = (call: Call) => dayIn(call.deps.config.timeZone, call.now)

async function present(call: Call, rows: ImprovementRow[]) {
  const names = await displayNamesOf(call.deps.db, [...new Set(rows.map((r) => r.owner_id))])
  const today = todayOf(call)
  return rows.map((r) => presentImprovement(r, names.get(r.owner_id) ?? '', today))
}

async function presentOne(call: Call, id: string) {
  const row = await findImprovement(call.deps.db, id)
  if (!row) throw new AppError('IMPROVEMENT_NOT_FOUND')
  const names = await displayNamesOf(call.deps.db, [row.owner_id])
  return presentImprovement(row, names.get(row.owner_id) ?? '', todayOf(call))
}

async function checkOwner(call: Call, ownerId: string) {
  if (!(await isActiveAccount(call.deps.db, ownerId)))
    throw new AppError('IMPROVEMENT_OWNER_UNKNOWN')
}

/**
 * POST /improvement-items (CUS-7, S2 搜集这些意见和建议，并讨论出详细的改善方案):
 * an item about the service environment with an owner and a due day. It may
 * point at the response it came from — one of a customer in the caller's
 * scope; the customer's own words stay there, sealed.
 */
export async function createImprovement(call: Call, input: CreateImprovementInput) {
  const { deps, principal, now } = call
  if (input.responseId) {
    const response = await findResponse(deps.db, input.responseId)
    if (!response?.customer_id) throw new AppError('FEEDBACK_RESPONSE_NOT_FOUND')
    await customerInScope(call, response.customer_id, 'improvement.created').catch(() => {
      throw new AppError('FEEDBACK_RESPONSE_NOT_FOUND')
    })
  }
  await checkOwner(call, input.ownerId)
  const id = await deps.db.transaction().execute(async (trx) => {
    const itemId = await insertImprovement(trx, {
      kind: input.kind,
      title: input.title,
      plan: input.plan ?? null,
      ownerId: input.ownerId,
      dueOn: input.dueOn,
      responseId: input.responseId ?? null,
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'improvement.created',
      target: { type: 'improvement_item', id: itemId },
      details: { kind: input.kind, ownerId: input.ownerId, dueOn: input.dueOn },
    })
    return itemId
  })
  return presentOne(call, id)
}

/** PATCH /improvement-items/{id}: its status, plan, owner or due day; audited with what changed. */
export async function changeImprovement(call: Call, id: string, input: UpdateImprovementInput) {
  const { deps, principal, now } = call
  const before = await findImprovement(deps.db, id)
  if (!before) throw new AppError('IMPROVEMENT_NOT_FOUND')
  if (input.ownerId) await checkOwner(call, input.ownerId)
  await deps.db.transaction().execute(async (trx) => {
    await updateImprovement(trx, id, { ...input, at: now })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'improvement.updated',
      target: { type: 'improvement_item', id },
      details: {
        changed: Object.keys(input),
        ...(input.status && { from: before.status, to: input.status }),
      },
    })
  })
  return presentOne(call, id)
}

/** GET /improvement-items: by due day; `overdue`: open or in progress past the due day. */
export async function listImprovementItems(
  call: Call,
  filter: { status?: ImprovementStatus; overdue?: 'true' | 'false' },
) {
  const rows = await listImprovements(call.deps.db, {
    ...(filter.status && { status: filter.status }),
    ...(filter.overdue === 'true' && { overdueBefore: todayOf(call) }),
  })
  return { items: await present(call, rows) }
}
