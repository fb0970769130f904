import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { Call, Caller } from '../../platform/http/call.js'
import {
  type ComparableCustomer,
  comparableCustomers,
  storedBlockingKeys,
} from '../customers/index.js'
import { candidatePairs, DEFAULT_SCORING, scorePair } from '../duplicates/index.js'
import { recordSweep, type ScoredPair, savePairs } from './duplicate-review.repository.js'
import type { Sweep } from './duplicate-review.schemas.js'

/** How many customers are opened at a time to be scored. */
const OPEN_BATCH = 500

/**
 * DQ-1, the sweep (S2 客户信息整理与存储: 定期去除重复信息): every customer
 * not destroyed is compared with every other on the blocking keys stored at
 * save — tokens only, nothing opened to find the candidates — and only the
 * customers in a candidate pair are opened, in memory, to be scored. The
 * likely pairs fill the review queue with their score and reasons (never a
 * value); who may see a pair is decided when the queue is read, by the
 * scope of both customers. Runs on `db` (a job's connection holds its lock).
 */
export async function sweepDuplicates(db: Database, call: Call<Caller>): Promise<Sweep> {
  const startedAt = call.deps.clock.now()
  const { ids, keys } = await storedBlockingKeys(db)
  const firsts: number[] = []
  const seconds: number[] = []
  const stats = candidatePairs(keys, (i, j) => {
    firsts.push(i)
    seconds.push(j)
  })

  const inPairs = [...new Set([...firsts, ...seconds])].map((index) => ids[index] as string)
  const opened = new Map<string, ComparableCustomer>()
  for (let start = 0; start < inPairs.length; start += OPEN_BATCH) {
    const batch = await comparableCustomers(
      db,
      call.deps.vault,
      inPairs.slice(start, start + OPEN_BATCH),
    )
    for (const [id, customer] of batch) opened.set(id, customer)
  }

  const likely: ScoredPair[] = []
  for (const [k, i] of firsts.entries()) {
    const [x, y] = [ids[i] as string, ids[seconds[k] as number] as string]
    const [first, second] = [opened.get(x), opened.get(y)]
    if (!first || !second) continue
    const pair = scorePair(first.prepared, second.prepared, DEFAULT_SCORING)
    if (!pair.likelyDuplicate) continue
    const [a, b] = x < y ? [x, y] : [y, x]
    likely.push({ a, b, score: Math.round(pair.score * 1000) / 1000, reasons: pair.reasons })
  }

  const at = call.deps.clock.now()
  const sweep: Sweep = {
    at,
    customers: ids.length,
    candidatePairs: stats.candidatePairs,
    opened: opened.size,
    likelyPairs: likely.length,
  }
  await db.transaction().execute(async (trx) => {
    await savePairs(trx, likely, at)
    await recordSweep(trx, { ...sweep, startedAt })
    await recordAuditEvent(trx, at, call.context, {
      actor: call.principal.actor,
      action: 'duplicates.swept',
      details: {
        customers: sweep.customers,
        candidatePairs: sweep.candidatePairs,
        opened: sweep.opened,
        likelyPairs: sweep.likelyPairs,
      },
    })
  })
  return sweep
}
