import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { runExclusive } from '../../platform/jobs.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { maskedNamesOf } from '../customers/index.js'
import { presentPair } from './duplicate-review.presenter.js'
import { decidePair, lastSweep, listPairs } from './duplicate-review.repository.js'
import type { QueueQuery, Sweep } from './duplicate-review.schemas.js'
import { sweepDuplicates } from './sweep-duplicates.js'

/** The job's name: a sweep asked for by hand takes the same lock, so two never run at once. */
export const SWEEP_JOB = 'duplicate-sweep'

/**
 * The review queue (DQ-1): the pairs whose two customers are both in the
 * caller's scope — a manager's department, every pair for a scope of all —
 * best first, names masked. On the trail before it leaves: which pairs and
 * customers were shown.
 */
export async function listDuplicatePairs(call: Call, query: QueueQuery) {
  const { deps, principal, now } = call
  const [{ rows, total }, sweep] = await Promise.all([
    listPairs(deps.db, clearanceOf(principal), query),
    lastSweep(deps.db),
  ])
  const customerIds = [...new Set(rows.flatMap((r) => [r.customer_a, r.customer_b]))]
  const names = await maskedNamesOf(deps, customerIds)
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'duplicates.listed',
    details: { status: query.status, count: rows.length, customerIds },
  })
  return { items: rows.map((row) => presentPair(row, names)), total, lastSweep: sweep }
}

/** A reviewer's decision that the pair's customers are two people: the sweep does not ask again. */
export async function dismissPair(call: Call, id: string): Promise<void> {
  const { deps, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    if (!(await decidePair(trx, id, { status: 'dismissed', by: principal.accountId, at: now })))
      throw new AppError('DUPLICATE_PAIR_DECIDED')
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'duplicates.dismissed',
      target: { type: 'duplicate_pair', id },
    })
  })
}

/** A sweep now, by the caller, rather than at the job's next round; refused while one runs. */
export async function sweepNow(call: Call): Promise<Sweep> {
  let sweep: Sweep | undefined
  const ran = await runExclusive(call.deps.db, SWEEP_JOB, async (db) => {
    sweep = await sweepDuplicates(db, call)
  })
  if (!ran || !sweep) throw new AppError('DUPLICATE_SWEEP_RUNNING')
  return sweep
}
