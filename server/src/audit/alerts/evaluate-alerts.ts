import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import { MINUTE } from '../../platform/clock.js'
import type { StoredEvent } from '../audit-log.js'
import {
  isOutsideWorkingHours,
  RULE_FIXED_ACTIONS,
  RULE_PARAMS,
  type RuleCode,
  type RuleParams,
  watches,
} from './rules.js'

type LoadedRules = { [C in RuleCode]?: RuleParams<C> }
type Trx = Kysely<DB> | Transaction<DB>

const BATCH = 2000

/**
 * AUD-3: reads sealed events in trail order from where it last stopped and
 * raises alerts. An open alert for the same rule and subject is extended
 * rather than repeated. Run by the sealing job, one process at a time.
 */
export async function evaluateAlerts(db: Database): Promise<{ processed: number; raised: number }> {
  return db.transaction().execute(async (trx) => {
    const cursor = await trx.selectFrom('alert_cursor').select('last_seq').executeTakeFirstOrThrow()
    const rows = await trx
      .selectFrom('audit_seals as s')
      .innerJoin('audit_events as e', 'e.id', 's.event_id')
      .selectAll('e')
      .select('s.seq')
      .where('s.seq', '>', cursor.last_seq)
      .orderBy('s.seq')
      .limit(BATCH)
      .execute()
    if (rows.length === 0) return { processed: 0, raised: 0 }
    const rules = await loadRules(trx)
    let raised = 0
    for (const event of rows) raised += await applyRules(trx, rules, event)
    await trx
      .updateTable('alert_cursor')
      .set({ last_seq: rows[rows.length - 1]?.seq ?? cursor.last_seq })
      .execute()
    return { processed: rows.length, raised }
  })
}

/** Evaluates until every sealed event has been seen; returns how many alerts opened. */
export async function evaluateAllAlerts(db: Database): Promise<number> {
  let raised = 0
  for (;;) {
    const round = await evaluateAlerts(db)
    raised += round.raised
    if (round.processed < BATCH) return raised
  }
}

async function loadRules(trx: Trx): Promise<LoadedRules> {
  const rows = await trx.selectFrom('alert_rules').selectAll().where('enabled', '=', true).execute()
  const rules: Record<string, unknown> = {}
  for (const row of rows) {
    const schema = RULE_PARAMS[row.code as RuleCode]
    const parsed = schema?.safeParse(row.params)
    if (parsed?.success) rules[row.code] = parsed.data
  }
  return rules as LoadedRules
}

async function applyRules(trx: Trx, rules: LoadedRules, event: StoredEvent): Promise<number> {
  let raised = 0
  const subjectActor = event.actor_id ?? (event.actor_name ? `name:${event.actor_name}` : null)

  if (rules.bulk_access && subjectActor && watches(rules.bulk_access.actions, event.action)) {
    const { threshold, windowMinutes, actions } = rules.bulk_access
    const count = await countRecent(
      trx,
      event,
      windowMinutes,
      sql`actor_id = ${event.actor_id} and action in (${sql.join(actions)})`,
    )
    if (count > threshold) raised += await raise(trx, 'bulk_access', subjectActor, event)
  }
  if (
    rules.off_hours &&
    watches(rules.off_hours.actions, event.action) &&
    event.outcome === 'allowed'
  ) {
    if (isOutsideWorkingHours(event.occurred_at, rules.off_hours))
      raised += await raise(trx, 'off_hours', subjectActor ?? 'unknown', event)
  }
  if (rules.repeated_denials && event.outcome === 'denied') {
    const { threshold, windowMinutes } = rules.repeated_denials
    // Per account when known, else per source address (failed sign-ins of unknown names).
    const subject = subjectActor ?? (event.source_ip ? `ip:${event.source_ip}` : null)
    const match = event.actor_id
      ? sql`actor_id = ${event.actor_id}`
      : sql`actor_id is null and source_ip = ${event.source_ip}`
    if (
      subject &&
      (await countRecent(trx, event, windowMinutes, sql`outcome = 'denied' and ${match}`)) >=
        threshold
    ) {
      raised += await raise(trx, 'repeated_denials', subject, event)
    }
  }
  if (
    rules.out_of_scope &&
    event.outcome === 'denied' &&
    event.reason?.startsWith(rules.out_of_scope.reasonPrefix)
  ) {
    raised += await raise(trx, 'out_of_scope', subjectActor ?? 'unknown', event)
  }
  if (rules.request_overdue && watches(RULE_FIXED_ACTIONS.request_overdue, event.action)) {
    raised += await raise(trx, 'request_overdue', `customer:${event.target_id}`, event)
  }
  if (
    rules.credential_reset &&
    watches(rules.credential_reset.actions, event.action) &&
    event.details?.protectedAccess === true
  ) {
    raised += await raise(trx, 'credential_reset', `account:${event.target_id}`, event)
  }
  return raised
}

async function countRecent(
  trx: Trx,
  event: StoredEvent,
  windowMinutes: number,
  where: ReturnType<typeof sql>,
): Promise<number> {
  const since = new Date(event.occurred_at.getTime() - windowMinutes * MINUTE)
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from audit_events
    where occurred_at > ${since} and occurred_at <= ${event.occurred_at} and id <= ${event.id} and ${where}`.execute(
    trx,
  )
  return rows[0]?.n ?? 0
}

/** Opens an alert, or extends the open one for the same rule and subject. Returns 1 when a new alert opened. */
async function raise(
  trx: Trx,
  rule: RuleCode,
  subject: string,
  event: StoredEvent,
): Promise<number> {
  const extended = await trx
    .updateTable('alerts')
    .set({
      event_count: sql`event_count + 1`,
      last_event_id: event.id,
      last_seen_at: event.occurred_at,
      updated_at: event.occurred_at,
    })
    .where('rule', '=', rule)
    .where('subject', '=', subject)
    .where('status', '!=', 'closed')
    .executeTakeFirst()
  if (extended.numUpdatedRows > 0n) return 0
  await trx
    .insertInto('alerts')
    .values({
      rule,
      status: 'open',
      subject,
      actor_id: event.actor_id,
      actor_name: event.actor_name,
      source_ip: event.source_ip,
      event_count: 1,
      first_event_id: event.id,
      last_event_id: event.id,
      first_seen_at: event.occurred_at,
      last_seen_at: event.occurred_at,
      handled_by: null,
      note: null,
      updated_at: event.occurred_at,
    })
    .execute()
  return 1
}
