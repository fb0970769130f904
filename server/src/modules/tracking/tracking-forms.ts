import { recordAuditEvent } from '../../audit/audit-log.js'
import type { SealedValues } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { customerInScope, maskedNamesOf, openCustomer } from '../customers/index.js'
import { presentFormRow, presentTrackingForm } from './tracking.presenter.js'
import {
  checksOf,
  insertCheck,
  insertVersion,
  listForms,
  loadSettings,
  versionsOf,
} from './tracking.repository.js'
import type { TrackingFormsQuery, UpdateTrackingFormInput } from './tracking.schemas.js'
import {
  type FormValues,
  mergeValues,
  staleAt,
  stalePeriodDays,
  valueErrors,
} from './tracking-rules.js'

/** The sealed fields' names under the customer's key (the vault's associated data). */
export const SEALED = { values: 'tracking_form.values', comment: 'tracking_check.comment' } as const

type Customer = Awaited<ReturnType<typeof customerInScope>>

/** The form of a customer in scope, masked: the caller's view after a read or a change. */
async function formOf(call: Call, customer: Customer) {
  const { deps, now } = call
  const [settings, versions, checks, masked] = await Promise.all([
    loadSettings(deps.db),
    versionsOf(deps.db, customer.id),
    checksOf(deps.db, customer.id),
    maskedNamesOf(deps, [customer.id]),
  ])
  const staff = new Set([...versions.map((v) => v.created_by), ...checks.map((c) => c.checked_by)])
  const names = await displayNamesOf(deps.db, [...staff])
  const days = stalePeriodDays(customer.tracking_level, settings)
  return presentTrackingForm({
    customerId: customer.id,
    maskedName: masked.get(customer.id) ?? '',
    trackingLevel: customer.tracking_level,
    fields: settings.fields,
    versions,
    checks,
    names,
    staleAt:
      days === null ? null : staleAt(versions[0]?.created_at ?? null, customer.created_at, days),
    now,
  })
}

/** GET /customers/{id}/tracking-form: the form, its history and checks, values masked; audited. */
export async function showTrackingForm(call: Call, customerId: string) {
  const customer = await customerInScope(call, customerId, 'tracking_form.viewed')
  const form = await formOf(call, customer)
  await recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: call.principal.actor,
    action: 'tracking_form.viewed',
    target: { type: 'customer', id: customer.id },
    details: { version: form.current?.version ?? null, checks: form.checks.length },
  })
  return form
}

/**
 * PUT /customers/{id}/tracking-form: a new version of the form of an
 * active A or B customer in scope. Only the fields given change (null
 * clears one); the previous values are opened with the customer's key and
 * the whole form sealed again as one JSON. Nothing changed writes nothing.
 */
export async function updateTrackingForm(
  call: Call,
  customerId: string,
  input: UpdateTrackingFormInput,
) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, customerId, 'tracking_form.updated')
  if (customer.status !== 'active') throw new AppError('TRACKING_CUSTOMER_NOT_ACTIVE')
  const settings = await loadSettings(deps.db)
  if (stalePeriodDays(customer.tracking_level, settings) === null) {
    throw new AppError('TRACKING_FORM_NOT_APPLICABLE')
  }
  const errors = valueErrors(settings.fields, input.values)
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', errors)
  // The key is opened before the transaction: one connection may be all there is.
  const { key } = await openCustomer(deps, customer.id, false)
  const [latest] = await versionsOf(deps.db, customer.id, 1)
  const previous: FormValues = latest?.sealed.values
    ? JSON.parse(deps.vault.open(key, SEALED.values, latest.sealed.values))
    : {}
  const { values, changed } = mergeValues(previous, input.values)
  if (changed.length === 0) throw new AppError('NOTHING_TO_CHANGE')
  const sealed: SealedValues = {
    values: deps.vault.seal(key, SEALED.values, JSON.stringify(values)),
  }
  await deps.db.transaction().execute(async (trx) => {
    const version = await insertVersion(trx, {
      customerId: customer.id,
      sealed,
      fields: settings.fields,
      filled: settings.fields.map((f) => f.code).filter((code) => code in values),
      changed,
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'tracking_form.updated',
      target: { type: 'customer', id: customer.id },
      details: { version: version.version, changed },
    })
  })
  return formOf(call, customer)
}

/**
 * POST /customers/{id}/tracking-form/checks: a supervisor's check of the
 * form as it stands (the version seen), with a comment sealed under the
 * customer's key — it may well name the customer.
 */
export async function checkTrackingForm(call: Call, customerId: string, comment: string) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, customerId, 'tracking_form.checked')
  const settings = await loadSettings(deps.db)
  if (stalePeriodDays(customer.tracking_level, settings) === null) {
    throw new AppError('TRACKING_FORM_NOT_APPLICABLE')
  }
  const { key } = await openCustomer(deps, customer.id, false)
  const [latest] = await versionsOf(deps.db, customer.id, 1)
  await deps.db.transaction().execute(async (trx) => {
    const check = await insertCheck(trx, {
      customerId: customer.id,
      version: latest?.version ?? null,
      sealed: { comment: deps.vault.seal(key, SEALED.comment, comment) },
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'tracking_form.checked',
      target: { type: 'customer', id: customer.id },
      details: { check: check.id, version: check.version },
    })
  })
  return formOf(call, customer)
}

/**
 * GET /tracking-forms: the A and B customers in the caller's scope (a
 * manager: the department's) with their form's state, the soonest stale
 * first; `stale=true` only those not updated within their period.
 */
export async function listTrackingForms(call: Call, query: TrackingFormsQuery) {
  const { deps, principal, now } = call
  const settings = await loadSettings(deps.db)
  const { rows, total } = await listForms(deps.db, clearanceOf(principal), {
    ...(query.stale === 'true' && { staleBy: now }),
    levelAStaleDays: settings.levelAStaleDays,
    levelBStaleDays: settings.levelBStaleDays,
    limit: query.limit,
    offset: query.offset,
  })
  const customerIds = rows.map((r) => r.customer_id)
  const owners = rows.flatMap((r) => (r.owner_id ? [r.owner_id] : []))
  const [masked, names] = await Promise.all([
    maskedNamesOf(deps, customerIds),
    displayNamesOf(deps.db, [...new Set(owners)]),
  ])
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'tracking_form.listed',
    details: { count: rows.length, customerIds, ...(query.stale && { stale: query.stale }) },
  })
  return {
    items: rows.map((row) =>
      presentFormRow(row, { maskedName: masked.get(row.customer_id), names, now }),
    ),
    total,
  }
}
