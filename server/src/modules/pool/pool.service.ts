import type { AuditReason } from '../../audit/audit-actions.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError, type ErrorCode } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, mayBrowsePool } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { dayIn } from '../calendar/index.js'
import { changeOwner, customerInScope, maskedNamesOf } from '../customers/index.js'
import {
  ownedCustomerOf,
  presentPoolCustomer,
  presentQuota,
  presentReturning,
  presentSettings,
} from './pool.presenter.js'
import {
  insertPick,
  loadRules,
  loadSettings,
  lockCustomer,
  lockPicker,
  ownedCount,
  ownedDueForWarning,
  picksOn,
  poolPage,
  recycledFromWithin,
  replaceRules,
  saveSettings,
} from './pool.repository.js'
import type { PoolQuery, PoolSettingsInput } from './pool.schemas.js'
import { returnsAt } from './pool-rules.js'

/** The reason code of an owner change by a pick (docs/pool.md). */
export const PICK_REASON = 'picked_from_pool'

/** The reason code of a customer given up to the pool by its owner or a manager (docs/pool.md). */
export const RELEASE_REASON = 'released'

async function quotaOf(call: Call, db: Call['deps']['db'] = call.deps.db) {
  const settings = await loadSettings(db)
  const day = dayIn(call.deps.config.timeZone, call.now)
  const [pickedToday, owned] = await Promise.all([
    picksOn(db, call.principal.accountId, day),
    ownedCount(db, call.principal.accountId),
  ])
  return { settings, quota: presentQuota(settings, { day, pickedToday, owned }) }
}

/**
 * GET /pool: the customers of the pools the caller may browse (their
 * department's, or every one for a scope of all), newest in the pool
 * first, masked; with how many they may still pick today.
 */
export async function listPool(call: Call, query: PoolQuery) {
  const { deps, principal, now } = call
  const clearance = clearanceOf(principal)
  const { settings, quota } = await quotaOf(call)
  const { rows, total } = await poolPage(deps.db, clearance, query)
  const ids = rows.map((r) => r.id)
  const formerOwners = rows.flatMap((r) => (r.former_owner_id ? [r.former_owner_id] : []))
  const [names, owners] = await Promise.all([
    maskedNamesOf(deps, ids),
    displayNamesOf(deps.db, [...new Set(formerOwners)]),
  ])
  const items = rows.map((row) =>
    presentPoolCustomer(row, {
      maskedName: names.get(row.id),
      formerOwnerName: row.former_owner_id ? owners.get(row.former_owner_id) : undefined,
      coolOffDays: settings.coolOffDays,
      now,
    }),
  )
  // On the record before the list leaves (AUD-1): which customers were shown, never what.
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'pool.listed',
    details: {
      view: 'pool',
      count: items.length,
      customerIds: ids,
      ...(query.departmentId && { departmentId: query.departmentId }),
    },
  })
  return { items, total, quota }
}

/**
 * GET /pool/returning: the caller's own customers whose warning time has
 * come, soonest to return first, with the date each returns to the pool
 * unless followed up or closed before.
 */
export async function listReturning(call: Call) {
  const { deps, principal, now } = call
  const rows = await ownedDueForWarning(deps.db, now, { ownerId: principal.accountId })
  rows.sort(
    (a, b) =>
      returnsAt(ownedCustomerOf(a), now).getTime() - returnsAt(ownedCustomerOf(b), now).getTime(),
  )
  const names = await maskedNamesOf(
    deps,
    rows.map((r) => r.id),
  )
  const items = rows.map((row) => presentReturning(row, { maskedName: names.get(row.id), now }))
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'pool.listed',
    details: { view: 'returning', count: items.length, customerIds: rows.map((r) => r.id) },
  })
  return { items }
}

/** A pick the rules refuse: recorded once the transaction is undone, then answered. */
class PickRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: AuditReason,
  ) {
    super(reason)
  }
}

/**
 * POST /pool/{customerId}/pick: the caller takes an active customer from a
 * pool they may browse, and becomes its owner (a new registration, 建档,
 * and a full period before it could return). Refused, and audited, past
 * the daily limit, within the cool-off of a former owner, and at the cap
 * on owned customers; a customer of a pool the caller may not browse
 * answers as one that does not exist.
 */
export async function pickCustomer(call: Call, customerId: string) {
  const { deps, principal, now } = call
  const clearance = clearanceOf(principal)
  const day = dayIn(deps.config.timeZone, now)
  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockPicker(trx, principal.accountId)
      const customer = await lockCustomer(trx, customerId)
      if (!customer) throw new AppError('POOL_CUSTOMER_NOT_FOUND')
      if (!mayBrowsePool(clearance, customer.department_id)) {
        throw new PickRefused('POOL_CUSTOMER_NOT_FOUND', 'out_of_scope')
      }
      if (customer.owner_id !== null || customer.status !== 'active') {
        throw new AppError('POOL_NOT_IN_POOL')
      }
      const settings = await loadSettings(trx)
      const recycled = await recycledFromWithin(trx, {
        customerId,
        accountId: principal.accountId,
        days: settings.coolOffDays,
        now,
      })
      if (recycled) throw new PickRefused('POOL_COOL_OFF', 'cool_off')
      if ((await picksOn(trx, principal.accountId, day)) >= settings.dailyPickLimit) {
        throw new PickRefused('POOL_DAILY_LIMIT', 'pick_limit_reached')
      }
      if ((await ownedCount(trx, principal.accountId)) >= settings.ownerCap) {
        throw new PickRefused('POOL_OWNER_CAP', 'owner_cap_reached')
      }
      await changeOwner(trx, call, {
        customerId,
        toOwnerId: principal.accountId,
        toDepartmentId: customer.department_id,
        kind: 'picked',
        reason: PICK_REASON,
      })
      await insertPick(trx, {
        customerId,
        accountId: principal.accountId,
        departmentId: customer.department_id,
        day,
        at: now,
      })
    })
  } catch (error) {
    if (!(error instanceof PickRefused)) throw error
    await recordAuditEvent(deps.db, now, call.context, {
      actor: principal.actor,
      action: 'pool.picked',
      target: { type: 'customer', id: customerId },
      outcome: 'denied',
      reason: error.reason,
    })
    throw new AppError(error.code)
  }
  const [{ quota }, names] = await Promise.all([
    quotaOf(call),
    displayNamesOf(deps.db, [principal.accountId]),
  ])
  return {
    customerId,
    owner: { id: principal.accountId, name: names.get(principal.accountId) ?? principal.username },
    pickedAt: now,
    quota,
  }
}

/**
 * POST /pool/{customerId}/release: the owner gives an active customer up to
 * its department's pool (放弃客户), or a manager whose scope reaches it
 * does. The customer guard loads it (out of scope: not found, audited); it
 * returns as the job returns it, and the owner it leaves waits the
 * cool-off before picking it again — giving a customer up and picking it
 * back does not restart its clock.
 */
export async function releaseCustomer(call: Call, customerId: string) {
  const { deps, now } = call
  const customer = await customerInScope(call, customerId, 'customer.owner_changed')
  if (customer.status !== 'active' || customer.owner_id === null) {
    throw new AppError('POOL_NOT_RELEASABLE')
  }
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockCustomer(trx, customerId)
    if (!locked || locked.owner_id === null || locked.status !== 'active') {
      throw new AppError('POOL_NOT_RELEASABLE')
    }
    await changeOwner(trx, call, {
      customerId,
      toOwnerId: null,
      toDepartmentId: locked.department_id,
      kind: 'recycled',
      reason: RELEASE_REASON,
    })
  })
  return { customerId, releasedAt: now }
}

/** GET /pool/settings: the rules per grade and the limits, as everyone working the pool reads them. */
export async function showSettings(call: Call) {
  const { db } = call.deps
  const [settings, rules] = await Promise.all([loadSettings(db), loadRules(db)])
  const names = await displayNamesOf(db, settings.changedBy ? [settings.changedBy] : [])
  return presentSettings(settings, rules, settings.changedBy ? names.get(settings.changedBy) : '')
}

/**
 * PUT /pool/settings: the rules per grade (one default, at most one per
 * grade, the warning before the return) and the limits, replaced at once
 * and audited with what they were.
 */
export async function changeSettings(call: Call, input: PoolSettingsInput) {
  const { deps, principal, now } = call
  const grades = input.rules.map((r) => r.grade)
  if (
    !grades.includes(null) ||
    new Set(grades).size !== grades.length ||
    input.rules.some((r) => r.warnDaysBefore >= r.recycleAfterDays)
  ) {
    throw new AppError('POOL_RULES_INVALID')
  }
  const before = await showSettings(call)
  const { rules, ...limits } = input
  await deps.db.transaction().execute(async (trx) => {
    const change = { by: principal.accountId, at: now }
    await saveSettings(trx, limits, change)
    await replaceRules(trx, rules, change)
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'pool.settings_changed',
      details: {
        before: { ...limitsOf(before), rules: before.rules },
        after: { ...limits, rules },
      },
    })
  })
  return showSettings(call)
}

const limitsOf = (s: Awaited<ReturnType<typeof showSettings>>) => ({
  recyclingEnabled: s.recyclingEnabled,
  dailyPickLimit: s.dailyPickLimit,
  coolOffDays: s.coolOffDays,
  ownerCap: s.ownerCap,
})
