import { sql } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import { DAY } from '../../platform/clock.js'
import type { AppDeps } from '../../platform/deps.js'
import { systemCall } from '../../platform/http/call.js'
import { attributionSettings } from '../customers/index.js'
import { activeHold, shred } from './destruction.service.js'
import { reconcileLedger } from './destruction-ledger.js'

/**
 * CUS-4: a draft its reviewer sent back and nobody corrected within the
 * configured period (`rejected_draft_days`, 30 days by default) is
 * destroyed by crypto-shredding, as an approved destruction would be. The
 * second person is the reviewer who rejected it: their rejection stands as
 * the request, the rule as the decision. A legal hold stops it. Runs on
 * the job's `db` (its connection holds the job's lock). Returns how many
 * were destroyed.
 */
export async function destroyRejectedDrafts(db: Database, deps: AppDeps): Promise<number> {
  const now = deps.clock.now()
  const { rejectedDraftDays } = await attributionSettings(db)
  const before = new Date(now.getTime() - rejectedDraftDays * DAY)
  const { rows } = await sql<{ customer_id: string; rejected_by: string }>`
    select distinct on (r.customer_id) r.customer_id, r.by as rejected_by
    from customer_reviews r join customers c on c.id = r.customer_id
    where c.status = 'rejected' and r.event = 'rejected'
    order by r.customer_id, r.at desc`.execute(db)
  const call = systemCall(deps, { type: 'system', name: 'entry-review' })
  let destroyed = 0
  for (const { customer_id: customerId, rejected_by: rejectedBy } of rows) {
    const done = await db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('customer_reviews')
        .select('at')
        .where('customer_id', '=', customerId)
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst()
      // Resubmitted since, or rejected too recently: kept.
      if (!latest || latest.at >= before) return false
      if (await activeHold(trx, customerId)) return false
      const { id } = await trx
        .insertInto('destructions')
        .values({
          customer_id: customerId,
          reason: 'rejected_draft',
          status: 'completed',
          requested_by: rejectedBy,
          requested_at: now,
          decided_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await shred(trx, customerId, now)
      await recordAuditEvent(trx, now, call.context, {
        actor: call.principal.actor,
        action: 'customer.destroyed',
        target: { type: 'customer', id: customerId },
        details: { destructionId: id, reason: 'rejected_draft' },
      })
      return true
    })
    if (done) destroyed += 1
  }
  if (destroyed > 0) await reconcileLedger(db, deps.config.dataDir)
  return destroyed
}
