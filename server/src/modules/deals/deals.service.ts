import type { Kysely, Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { DB, DealStageKind, SealedValues, StoredCredit } from '../../db/schema.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import type { CustomerKey } from '../../security/vault.js'
import { displayNamesOf } from '../accounts/index.js'
import {
  customerInScope,
  maskedNamesOf,
  openCustomer,
  recordCustomerActivity,
} from '../customers/index.js'
import { workOutCredit } from './deal-credit.js'
import { accountsOf, presentDeal } from './deals.presenter.js'
import {
  type DealChange,
  type DealRow,
  dealReasons,
  dealShares,
  dealStages,
  departmentStaff,
  findDeal,
  insertDeal,
  insertStageChange,
  isActiveStaff,
  listDeals as listDealRows,
  lockDeal,
  stageHistories,
  updateDeal as updateDealRow,
} from './deals.repository.js'
import type { CreateDealInput, ListDealsQuery, UpdateDealInput } from './deals.schemas.js'

/** The amount of a deal is level-2 data (CUS-9): sealed, and shown to a clearance of 2 and up. */
const AMOUNT_LEVEL = 2
const AMOUNT_FIELD = 'deal.amount'

/** Reaching a stage of these kinds fixes the credit split (签约, and 交款 straight away). */
const FIXES_CREDIT: readonly DealStageKind[] = ['signed', 'paid']
const ENDS: readonly DealStageKind[] = ['lost', 'cancelled']

const invalid = (fields: Record<string, FieldMessageKey>) =>
  new AppError('VALIDATION_FAILED', fields)

/** Yuan as canonical text: "1280000" and 1280000 are both "1280000.00". */
function canonicalAmount(amount: string | number): string {
  return (typeof amount === 'number' ? amount : Number(amount)).toFixed(2)
}

/** The stage a deal is moved to, checked: configured and in use. */
async function targetStage(db: Kysely<DB>, code: string) {
  const stage = (await dealStages(db)).find((s) => s.code === code)
  if (!stage?.active) throw invalid({ stage: 'notAllowed' })
  return stage
}

async function checkCloser(call: Call, closerId: string, departmentId: string | null) {
  if (!(await isActiveStaff(call.deps.db, closerId, departmentId))) {
    throw new AppError('DEAL_CLOSER_UNKNOWN')
  }
}

/** The customer of a deal, guarded for the caller and in use (a deal is only for an active customer). */
async function activeCustomer(
  call: Call,
  customerId: string,
  action: 'deal.created' | 'deal.updated',
) {
  const customer = await customerInScope(call, customerId, action)
  if (customer.status !== 'active') throw new AppError('DEAL_CUSTOMER_NOT_ACTIVE')
  return customer
}

async function sealAmount(call: Call, customerId: string, amount: string): Promise<string> {
  const { key } = await openCustomer(call.deps, customerId, false)
  return call.deps.vault.seal(key, AMOUNT_FIELD, amount)
}

/** Fixes the credit split at signing (CUS-5), in the deal's transaction, audited with its rule. */
async function fixCredit(
  trx: Transaction<DB>,
  call: Call,
  deal: { id: string; customerId: string; closerId: string },
): Promise<StoredCredit> {
  const credit = await workOutCredit(trx, call, { ...deal, at: call.now })
  await recordAuditEvent(trx, call.now, call.context, {
    actor: call.principal.actor,
    action: 'deal.credit_split',
    target: { type: 'deal', id: deal.id },
    details: {
      customerId: deal.customerId,
      rule: credit.rule,
      shares: credit.shares.map((s) => ({ accountId: s.accountId, share: s.share, role: s.role })),
      registrationId: credit.registration?.id ?? null,
      ownerChangeId: credit.ownerChangeId,
      visitId: credit.visitId,
    },
  })
  return credit
}

/** Records a deal of a customer in the caller's scope (CUS-9); signed straight away, its split is fixed. */
export async function createDeal(call: Call, input: CreateDealInput) {
  const { deps, principal, now } = call
  const customer = await activeCustomer(call, input.customerId, 'deal.created')
  const stage = await targetStage(deps.db, input.stage)
  // Nothing to cancel yet: 退订 ends a deal that exists.
  if (stage.kind === 'cancelled') throw invalid({ stage: 'notAllowed' })
  const reason = checkReason(await dealReasons(deps.db), stage.kind, input.reason)
  const closerId = input.closerId ?? principal.accountId
  if (input.closerId) await checkCloser(call, closerId, customer.department_id)
  const amount = input.amount === undefined ? null : canonicalAmount(input.amount)
  const sealed: SealedValues = {}
  if (amount !== null) sealed.amount = await sealAmount(call, customer.id, amount)

  const id = await deps.db.transaction().execute(async (trx) => {
    const dealId = await insertDeal(trx, {
      customerId: customer.id,
      stage: stage.code,
      sealed,
      product: input.product ?? null,
      closerId,
      reason,
      createdBy: principal.accountId,
      at: now,
    })
    await insertStageChange(trx, {
      dealId,
      from: null,
      to: stage.code,
      reason,
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'deal.created',
      target: { type: 'deal', id: dealId },
      details: { customerId: customer.id, stage: stage.code, closerId, ...(reason && { reason }) },
    })
    if (FIXES_CREDIT.includes(stage.kind)) {
      const credit = await fixCredit(trx, call, { id: dealId, customerId: customer.id, closerId })
      await updateDealRow(trx, dealId, {
        signed_at: now,
        credit,
        credit_fixed_at: now,
        updated_at: now,
      })
    }
    // A deal renews the registration and restarts the pool's clock (CUS-5, CUS-10).
    await recordCustomerActivity(trx, { customerId: customer.id, at: now, kind: 'deal' })
    return dealId
  })
  const row = await findDeal(deps.db, id)
  if (!row) throw new AppError('DEAL_NOT_FOUND')
  // Answered from the plain input: the amount is not opened again.
  return presentOne(call, row, { amount })
}

/** Moves a deal on, or changes its amount, product or closer; the split is fixed at signing. */
export async function updateDeal(call: Call, id: string, input: UpdateDealInput) {
  const { deps, principal, now } = call
  if (Object.values(input).every((v) => v === undefined)) throw new AppError('NOTHING_TO_CHANGE')
  const before = await findDeal(deps.db, id)
  if (!before) throw new AppError('DEAL_NOT_FOUND')
  const customer = await activeCustomer(call, before.customer_id, 'deal.updated')
  const target = input.stage !== undefined ? await targetStage(deps.db, input.stage) : undefined
  if (input.closerId && input.closerId !== before.closer_id) {
    await checkCloser(call, input.closerId, customer.department_id)
  }
  const amount =
    input.amount === undefined
      ? undefined
      : input.amount === null
        ? null
        : canonicalAmount(input.amount)
  const sealedAmount = amount ? await sealAmount(call, customer.id, amount) : undefined
  const stages = await dealStages(deps.db)
  const reasons = await dealReasons(deps.db)

  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockDeal(trx, id)
    if (!locked) throw new AppError('DEAL_NOT_FOUND')
    const current = await findDeal(trx, id)
    if (!current) throw new AppError('DEAL_NOT_FOUND')
    const currentKind = stages.find((s) => s.code === current.stage)?.kind ?? 'open'
    if (ENDS.includes(currentKind)) throw new AppError('DEAL_ENDED')
    const fixed = current.credit_fixed_at !== null
    const moving = target && target.code !== current.stage ? target : undefined
    if (moving && fixed) {
      // Once signed: on to 交款, or 退订; once paid: 退订 only.
      const onward = currentKind === 'paid' ? ['cancelled'] : ['paid', 'cancelled']
      if (!onward.includes(moving.kind)) throw new AppError('DEAL_STAGE_NOT_ALLOWED')
    }
    if (moving?.kind === 'lost' && fixed) throw new AppError('DEAL_STAGE_NOT_ALLOWED')
    // A reason goes with the move that ends the deal, and with nothing else.
    if (!moving && input.reason !== undefined) throw invalid({ reason: 'notAllowed' })
    const reason = moving ? checkReason(reasons, moving.kind, input.reason) : null
    const closerId = input.closerId ?? current.closer_id
    if (fixed && closerId !== current.closer_id) throw new AppError('DEAL_CREDIT_FIXED')

    const change: DealChange = { updated_at: now }
    const changed: string[] = []
    if (amount !== undefined) {
      const sealed = { ...current.sealed }
      if (sealedAmount) sealed.amount = sealedAmount
      else delete sealed.amount
      change.sealed = sealed
      changed.push('amount')
    }
    if (input.product !== undefined && input.product !== current.product) {
      change.product = input.product
      changed.push('product')
    }
    if (closerId !== current.closer_id) {
      change.closer_id = closerId
      changed.push('closer')
    }
    if (moving) {
      change.stage = moving.code
      change.reason = reason
    }
    if (changed.length > 0) {
      await recordAuditEvent(trx, now, call.context, {
        actor: principal.actor,
        action: 'deal.updated',
        target: { type: 'deal', id },
        details: { customerId: customer.id, fields: changed },
      })
    }
    if (moving) {
      await insertStageChange(trx, {
        dealId: id,
        from: current.stage,
        to: moving.code,
        reason,
        by: principal.accountId,
        at: now,
      })
      await recordAuditEvent(trx, now, call.context, {
        actor: principal.actor,
        action: 'deal.stage_changed',
        target: { type: 'deal', id },
        details: {
          customerId: customer.id,
          from: current.stage,
          to: moving.code,
          ...(reason && { reason }),
        },
      })
      if (!fixed && FIXES_CREDIT.includes(moving.kind)) {
        change.credit = await fixCredit(trx, call, { id, customerId: customer.id, closerId })
        change.credit_fixed_at = now
        change.signed_at = now
      }
    }
    await updateDealRow(trx, id, change)
    await recordCustomerActivity(trx, { customerId: customer.id, at: now, kind: 'deal' })
  })
  const row = await findDeal(deps.db, id)
  if (!row) throw new AppError('DEAL_NOT_FOUND')
  return presentOne(call, row, amount === undefined ? {} : { amount })
}

/** The reason a deal ends with: required for 未成交 and 退订, one of their list; refused otherwise. */
function checkReason(
  reasons: Awaited<ReturnType<typeof dealReasons>>,
  kind: DealStageKind,
  reason: string | undefined,
): string | null {
  if (!ENDS.includes(kind)) {
    if (reason !== undefined) throw invalid({ reason: 'notAllowed' })
    return null
  }
  if (reason === undefined) throw invalid({ reason: 'required' })
  if (!reasons.some((r) => r.kind === kind && r.code === reason && r.active)) {
    throw invalid({ reason: 'notAllowed' })
  }
  return reason
}

/** One deal for the caller (the route's guard checked the scope), its amount opened once. */
export async function getDeal(call: Call, id: string) {
  const row = await findDeal(call.deps.db, id)
  if (!row) throw new AppError('DEAL_NOT_FOUND')
  await recordAuditEvent(call.deps.db, call.now, call.context, {
    actor: call.principal.actor,
    action: 'deal.viewed',
    target: { type: 'deal', id },
    details: { customerId: row.customer_id },
  })
  return presentOne(call, row, {})
}

/** The deals of the customers in the caller's scope, by stage or customer (the deposit registers). */
export async function listDeals(call: Call, query: ListDealsQuery) {
  const { deps, principal } = call
  const rows = await listDealRows(deps.db, clearanceOf(principal), query)
  await recordAuditEvent(deps.db, call.now, call.context, {
    actor: principal.actor,
    action: 'deal.listed',
    ...(query.customerId && { target: { type: 'customer', id: query.customerId } }),
    details: {
      ...(query.stage && { stage: query.stage }),
      count: rows.length,
      dealIds: rows.map((r) => r.id),
    },
  })
  return { items: await presentMany(call, rows, new Map()) }
}

async function presentOne(call: Call, row: DealRow, known: { amount?: string | null }) {
  const plain = new Map(known.amount === undefined ? [] : [[row.id, known.amount]])
  const [deal] = await presentMany(call, [row], plain)
  if (!deal) throw new AppError('DEAL_NOT_FOUND')
  return deal
}

/**
 * Deals as the API answers them: each amount opened once (each customer's
 * key once) unless it is known in plain already, the split of an unsigned
 * deal worked out as a preview, names and histories loaded in one go.
 */
async function presentMany(call: Call, rows: DealRow[], plain: Map<string, string | null>) {
  const { deps, principal } = call
  const hidden = clearanceOf(principal).viewMaxLevel < AMOUNT_LEVEL
  const keys = new Map<string, CustomerKey>()
  const amounts = new Map<string, string | null>()
  for (const row of rows) {
    if (hidden) continue
    if (plain.has(row.id)) {
      amounts.set(row.id, plain.get(row.id) ?? null)
      continue
    }
    const sealed = row.sealed.amount
    if (!sealed) continue
    let key = keys.get(row.customer_id)
    if (!key) {
      key = (await openCustomer(deps, row.customer_id, false)).key
      keys.set(row.customer_id, key)
    }
    amounts.set(row.id, deps.vault.open(key, AMOUNT_FIELD, sealed))
  }
  const credits = new Map<string, StoredCredit>()
  for (const row of rows) {
    credits.set(
      row.id,
      row.credit ??
        (await workOutCredit(deps.db, call, {
          customerId: row.customer_id,
          closerId: row.closer_id,
          at: call.now,
        })),
    )
  }
  const names = await displayNamesOf(deps.db, [
    ...new Set([...credits.values()].flatMap(accountsOf)),
  ])
  const customerNames = await maskedNamesOf(deps, [...new Set(rows.map((r) => r.customer_id))])
  const histories = await stageHistories(
    deps.db,
    rows.map((r) => r.id),
  )
  return rows.map((row) =>
    presentDeal(row, {
      amount: hidden ? null : (amounts.get(row.id) ?? null),
      amountHidden: hidden,
      credit: credits.get(row.id) as StoredCredit,
      history: histories.get(row.id) ?? [],
      customerName: customerNames.get(row.customer_id) ?? null,
      names,
    }),
  )
}

/** The stages, the reasons and the split's shares, as the company configures them. */
export async function dealSettings(call: Call) {
  const { db } = call.deps
  const label = (r: { code: string; label_zh: string; label_en: string }) => ({
    code: r.code,
    labelZh: r.label_zh,
    labelEn: r.label_en,
  })
  const reasons = (await dealReasons(db)).filter((r) => r.active)
  return {
    stages: (await dealStages(db))
      .filter((s) => s.active)
      .map((s) => ({ ...label(s), kind: s.kind })),
    reasons: {
      lost: reasons.filter((r) => r.kind === 'lost').map(label),
      cancelled: reasons.filter((r) => r.kind === 'cancelled').map(label),
    },
    closers: call.principal.departmentId
      ? (await departmentStaff(db, call.principal.departmentId)).map((a) => ({
          id: a.id,
          name: a.display_name,
        }))
      : [],
    shares: await dealShares(db),
  }
}
