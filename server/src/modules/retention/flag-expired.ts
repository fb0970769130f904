import { sql } from 'kysely'
import { type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import { DAY } from '../../platform/clock.js'
import { standingConsent } from '../../security/customer-policy.js'

const JOB_CONTEXT: RequestContext = {
  requestId: 'job:retention-review',
  sourceIp: null,
  userAgent: null,
}

/**
 * RET-1: puts each customer past an active policy's period into the review
 * queue, once: not while a review of it is open, and not again within a
 * period of a decision to keep it. Destroyed customers are past review.
 * The period starts at creation, at the last change, or at the withdrawal
 * of the policy's purpose (the latest record for it being a withdrawal).
 * Run by a scheduled job, one process at a time.
 */
export async function flagExpired(db: Database, now: Date): Promise<number> {
  const policies = await db
    .selectFrom('retention_policies')
    .selectAll()
    .where('active', '=', true)
    .execute()
  let flagged = 0
  for (const policy of policies) {
    const cutoff = new Date(now.getTime() - policy.period_days * DAY)
    const start =
      policy.measured_from === 'created'
        ? sql`c.created_at`
        : policy.measured_from === 'updated'
          ? sql`c.updated_at`
          : standingConsent('c.id', policy.purpose, 'recorded_at')
    const withdrawnOnly =
      policy.measured_from === 'consent_withdrawn'
        ? sql`and not coalesce(${standingConsent('c.id', policy.purpose, 'granted')}, true)`
        : sql``
    const leadsOnly = policy.applies_to === 'leads' ? sql`and c.tenure is null` : sql``
    const { rows } = await sql<{ customer_id: string }>`
      insert into retention_reviews (customer_id, policy, expired_at, flagged_at, status)
      select c.id, ${policy.code}, ${start} + make_interval(days => ${policy.period_days}), ${now}, 'open'
      from customers c
      where c.status not in ('destroyed', 'merged') and ${start} <= ${cutoff} ${leadsOnly} ${withdrawnOnly}
        and not exists (
          select 1 from retention_reviews r
          where r.customer_id = c.id and r.policy = ${policy.code}
            and (r.status = 'open' or r.decided_at > ${cutoff}))
      returning customer_id`.execute(db)
    if (rows.length === 0) continue
    flagged += rows.length
    await recordAuditEvent(db, now, JOB_CONTEXT, {
      actor: { type: 'system', name: 'retention-review' },
      action: 'retention.flagged',
      details: {
        policy: policy.code,
        count: rows.length,
        customerIds: rows.map((r) => r.customer_id),
      },
    })
  }
  return flagged
}
