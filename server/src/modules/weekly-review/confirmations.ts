import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { loadCatalogue } from '../catalogue/index.js'
import { customerInScope, maskedNamesOf } from '../customers/index.js'
import { customerRefOf, gradeOf, presentConfirmation } from './weekly-review.presenter.js'
import {
  confirmationsOf,
  insertConfirmation,
  listDue,
  loadSettings,
} from './weekly-review.repository.js'
import type { ConfirmInput, DueQuery } from './weekly-review.schemas.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** When a record last confirmed (or entered) at `since` falls due for re-confirmation. */
const dueAtOf = (since: Date, days: number) => new Date(since.getTime() + days * DAY_MS)

/** The customer's confirmations, newest first, and whether it is due again. */
async function confirmationState(call: Call, customer: { id: string; created_at: Date }) {
  const { deps, now } = call
  const [rows, settings] = await Promise.all([
    confirmationsOf(deps.db, customer.id),
    loadSettings(deps.db),
  ])
  const names = await displayNamesOf(deps.db, [...new Set(rows.map((r) => r.confirmed_by))])
  const last = rows[0]?.confirmed_at ?? null
  const dueAt = dueAtOf(last ?? customer.created_at, settings.reconfirmDays)
  return {
    items: rows.map((r) => presentConfirmation(r, names)),
    lastConfirmedAt: last,
    due: dueAt.getTime() <= now.getTime(),
    dueAt,
    reconfirmDays: settings.reconfirmDays,
  }
}

/**
 * POST /customers/{id}/confirmations: the record was re-confirmed with the
 * customer (DQ-2): which fields (the catalogue's names, never a value), how,
 * when (now unless told, never later). Nothing of the record changes:
 * a value found wrong is corrected through the customer's edit.
 */
export async function confirmCustomer(call: Call, id: string, input: ConfirmInput) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, id, 'confirmation.recorded')
  if (customer.status !== 'active') throw new AppError('CONFIRMATION_CUSTOMER_NOT_ACTIVE')
  const catalogue = await loadCatalogue(deps.db)
  const fields = [...new Set(input.fields)]
  for (const field of fields) {
    const entry = catalogue.get(field)
    if (!entry || (entry.appliesTo !== 'both' && entry.appliesTo !== customer.kind)) {
      throw new AppError('CONFIRMATION_FIELD_UNKNOWN')
    }
  }
  const confirmedAt = input.confirmedAt ? new Date(input.confirmedAt) : now
  if (
    confirmedAt.getTime() > now.getTime() ||
    confirmedAt.getTime() < customer.created_at.getTime()
  ) {
    throw new AppError('CONFIRMATION_TIME_INVALID')
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await insertConfirmation(trx, {
      customerId: customer.id,
      fields,
      method: input.method,
      confirmedAt,
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'confirmation.recorded',
      target: { type: 'customer', id: customer.id },
      details: {
        confirmation: row.id,
        fields,
        method: input.method,
        confirmedAt: confirmedAt.toISOString(),
      },
    })
  })
  return confirmationState(call, customer)
}

/** GET /customers/{id}/confirmations: the record's re-confirmations and whether it is due. */
export async function showConfirmations(call: Call, id: string) {
  const customer = await customerInScope(call, id, 'confirmation.listed')
  const state = await confirmationState(call, customer)
  await recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: call.principal.actor,
    action: 'confirmation.listed',
    target: { type: 'customer', id: customer.id },
    details: { count: state.items.length, due: state.due },
  })
  return state
}

/** GET /confirmations/due: the customers in the caller's scope due for re-confirmation, masked. */
export async function listDueConfirmations(call: Call, query: DueQuery) {
  const { deps, principal, now } = call
  const settings = await loadSettings(deps.db)
  const { rows, total } = await listDue(deps.db, clearanceOf(principal), {
    now,
    days: settings.reconfirmDays,
    ...(query.grade && { grade: query.grade }),
    limit: query.limit,
    offset: query.offset,
  })
  const masked = await maskedNamesOf(
    deps,
    rows.map((r) => r.id),
  )
  const items = rows.map((r) => {
    const lastConfirmedAt = r.last_confirmed_at ? new Date(r.last_confirmed_at) : null
    return {
      ...customerRefOf(masked, r.id),
      grade: gradeOf(r.grade),
      createdAt: r.created_at,
      lastConfirmedAt,
      dueAt: dueAtOf(lastConfirmedAt ?? r.created_at, settings.reconfirmDays),
    }
  })
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'confirmation.listed',
    details: { count: items.length, due: true, customerIds: items.map((i) => i.customerId) },
  })
  return { items, total, reconfirmDays: settings.reconfirmDays }
}
