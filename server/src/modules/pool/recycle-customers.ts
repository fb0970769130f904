import type { RequestContext } from '../../audit/audit-log.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { type Call, type Caller, systemCall } from '../../platform/http/call.js'
import { changeOwner } from '../customers/index.js'
import { ownedCustomerOf } from './pool.presenter.js'
import {
  insertWarnings,
  loadSettings,
  lockCustomer,
  ownedDueForWarning,
} from './pool.repository.js'
import { poolStep, returnsAt } from './pool-rules.js'

/** The reason code of an owner change by the job (docs/pool.md). */
export const RECYCLE_REASON = 'no_follow_up'

const JOB = 'pool-recycle'
const JOB_CONTEXT: RequestContext = { requestId: `job:${JOB}`, sourceIp: null, userAgent: null }

/** The job's call: the system acting, at the clock's time. */
export function recycleCall(deps: AppDeps): Call<Caller> {
  return { ...systemCall(deps, { type: 'system', name: JOB }), context: JOB_CONTEXT }
}

/**
 * CUS-10, run by the scheduled job one process at a time: warns the owner
 * of each active customer whose warning time has come (once per stretch
 * without a follow-up or a deal), and returns to its department's pool
 * each one whose time is up (pool-rules.ts), ending its registration and
 * keeping the former owner in the history. Nothing while the company has
 * switched recycling off. Each return is its own transaction, checked
 * again under the customer's lock: a follow-up entered meanwhile wins.
 */
export async function recycleCustomers(
  call: Call<Caller>,
  db: Database,
): Promise<{ warned: number; recycled: number }> {
  const { now } = call
  const settings = await loadSettings(db)
  if (!settings.recyclingEnabled) return { warned: 0, recycled: 0 }
  const candidates = await ownedDueForWarning(db, now)
  const warnings = candidates.filter((row) => poolStep(ownedCustomerOf(row), now) === 'warn')
  let recycled = 0
  for (const row of candidates) {
    if (poolStep(ownedCustomerOf(row), now) !== 'recycle') continue
    const done = await db.transaction().execute(async (trx) => {
      await lockCustomer(trx, row.id)
      const [again] = await ownedDueForWarning(trx, now, { customerId: row.id })
      if (!again || again.owner_id !== row.owner_id) return false
      if (poolStep(ownedCustomerOf(again), now) !== 'recycle') return false
      await changeOwner(trx, call, {
        customerId: row.id,
        toOwnerId: null,
        toDepartmentId: row.department_id,
        kind: 'recycled',
        reason: RECYCLE_REASON,
      })
      return true
    })
    if (done) recycled++
  }
  if (warnings.length > 0) {
    await db.transaction().execute(async (trx) => {
      const given = warnings.map((row) => ({
        customerId: row.id,
        ownerId: row.owner_id,
        returnsAt: returnsAt(ownedCustomerOf(row), now),
        at: now,
      }))
      await insertWarnings(trx, given)
      for (const warning of given) {
        await recordAuditEvent(trx, now, call.context, {
          actor: call.principal.actor,
          action: 'pool.warned',
          target: { type: 'customer', id: warning.customerId },
          details: { owner: warning.ownerId, returnsAt: warning.returnsAt.toISOString() },
        })
      }
    })
  }
  return { warned: warnings.length, recycled }
}
