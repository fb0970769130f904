import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type Call, systemCall } from '../../platform/http/call.js'
import {
  mergeCustomerData,
  shredCustomerData,
  unmergeCustomerData,
} from '../customer-data/index.js'
import {
  finalMerges,
  keepTombstone,
  mergeRecords,
  recordMergedRows,
  undoMergeRecords,
} from '../customers/index.js'
import type { Merge, MergePairInput } from './duplicate-review.schemas.js'

/**
 * DQ-1: a reviewer merges the two records of a likely pair into one. The
 * survivor keeps its own values but for the fields it takes from the other
 * record; every record of other modules (consents, follow-ups, deals,
 * requests, visits…) moves to it; the other becomes a pointer to it. In one
 * transaction with its audit event, so a merge is whole or not at all.
 */
export async function mergePair(call: Call, pairId: string, input: MergePairInput): Promise<Merge> {
  const { deps, principal, now } = call
  return deps.db.transaction().execute(async (trx) => {
    const pair = await trx
      .selectFrom('duplicate_pairs')
      .select(['customer_a', 'customer_b', 'status'])
      .where('id', '=', pairId)
      .forUpdate()
      .executeTakeFirst()
    if (!pair) throw new AppError('DUPLICATE_PAIR_NOT_FOUND')
    if (pair.status !== 'open') throw new AppError('DUPLICATE_PAIR_DECIDED')
    const ids = [pair.customer_a, pair.customer_b]
    if (!ids.includes(input.survivor))
      throw new AppError('VALIDATION_FAILED', { survivor: 'notInPair' })
    const mergedId = ids.find((id) => id !== input.survivor) as string

    const merge = await mergeRecords(trx, call, {
      survivorId: input.survivor,
      mergedId,
      take: input.take,
      pairId,
    })
    const rows = await mergeCustomerData(trx, {
      vault: deps.vault,
      mergedKey: merge.mergedKey,
      survivorKey: merge.survivorKey,
    })
    await recordMergedRows(trx, merge.mergeId, rows)
    await trx
      .updateTable('duplicate_pairs')
      .set({ status: 'merged', decided_by: principal.accountId, decided_at: now })
      .where('id', '=', pairId)
      .execute()
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'duplicates.merged',
      target: { type: 'customer', id: input.survivor },
      details: {
        mergeId: merge.mergeId,
        pairId,
        mergedId,
        fields: [...input.take].sort(),
        moved: Object.fromEntries(Object.entries(rows.moved).map(([t, r]) => [t, r.length])),
      },
    })
    return {
      mergeId: merge.mergeId,
      survivorId: input.survivor,
      mergedId,
      undoUntil: merge.undoUntil,
    }
  })
}

/**
 * Undoes a merge within its period (DQ-1): the other record is back, with
 * its values and the records that moved; the pair is decided as two people,
 * so the sweep does not ask again.
 */
export async function undoMerge(call: Call, mergeId: string): Promise<void> {
  const { deps, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    const undone = await undoMergeRecords(trx, call, mergeId)
    await unmergeCustomerData(trx, {
      vault: deps.vault,
      survivorKey: undone.survivorKey,
      restoredKey: undone.restoredKey,
      rows: undone.rows,
    })
    if (undone.pairId) {
      await trx
        .updateTable('duplicate_pairs')
        .set({ status: 'dismissed', decided_by: principal.accountId, decided_at: now })
        .where('id', '=', undone.pairId)
        .execute()
    }
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'duplicates.merge_undone',
      target: { type: 'customer', id: undone.survivorId },
      details: { mergeId, restoredId: undone.mergedId },
    })
  })
}

/**
 * Merges whose undo period has ended become final (the job's round, on the
 * job's `db`): what each kept for an undo is emptied, and the rows that
 * stayed with its tombstone are shredded as a destruction would. Returns
 * how many.
 */
export async function finaliseMerges(db: Database, deps: AppDeps): Promise<number> {
  const call = systemCall(deps, { type: 'system', name: 'merge-undo-period' })
  return db.transaction().execute(async (trx) => {
    const final = await finalMerges(trx, call.now)
    for (const { mergedId } of final) {
      await shredCustomerData(trx, mergedId, call.now)
      await keepTombstone(trx, mergedId)
    }
    if (final.length > 0) {
      await recordAuditEvent(trx, call.now, call.context, {
        actor: call.principal.actor,
        action: 'duplicates.merges_finalised',
        details: { mergeIds: final.map((m) => m.mergeId) },
      })
    }
    return final.length
  })
}
