import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { AuditEventTable, DB } from '../db/schema.js'
import type { AuditAction, AuditReason } from './audit-actions.js'

/**
 * The one audit point (AUD-1). Features call recordAuditEvent inside the
 * transaction that makes the change, so the change and its record commit
 * together. Events name people and records by id and fields by name; they
 * never carry a personal value or a secret.
 */
export type Actor =
  | { type: 'account'; id: string; name: string }
  | { type: 'token'; id: string; name: string; accountId: string }
  | { type: 'system'; name: string }
  | { type: 'anonymous' }

export type StoredEvent = Selectable<AuditEventTable>

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue }

export type RequestContext = {
  requestId: string | null
  sourceIp: string | null
  userAgent: string | null
}

export type AuditEvent = {
  actor: Actor
  /** A catalogued action (audit-actions.ts): a typo fails the type check. */
  action: AuditAction
  target?: { type: string; id: string }
  fields?: string[]
  purpose?: string
  outcome?: 'allowed' | 'denied'
  reason?: AuditReason
  details?: { [key: string]: JsonValue }
}

export const NO_REQUEST: RequestContext = { requestId: null, sourceIp: null, userAgent: null }

/**
 * Records one event. Inside a transaction the event commits with the change
 * it describes. Outside one (reads, sign-ins) it joins a group commit: the
 * events of concurrent requests share one INSERT, and each caller resumes only
 * once its event is durable — so a read is on the record before its data
 * leaves the server.
 */
export async function recordAuditEvent(
  db: Kysely<DB> | Transaction<DB>,
  at: Date,
  context: RequestContext,
  event: AuditEvent,
): Promise<void> {
  const row = toRow(at, context, event)
  if (db.isTransaction) {
    await db.insertInto('audit_events').values(row).execute()
    return
  }
  let group = groupCommits.get(db)
  if (!group) {
    group = new GroupCommit(db)
    groupCommits.set(db, group)
  }
  await group.append(row)
}

/** Records many events inside one transaction, in one INSERT per 2,000 (bulk operations). */
export async function recordAuditEvents(
  trx: Transaction<DB>,
  at: Date,
  context: RequestContext,
  events: AuditEvent[],
): Promise<void> {
  for (let i = 0; i < events.length; i += MAX_GROUP) {
    const rows = events.slice(i, i + MAX_GROUP).map((event) => toRow(at, context, event))
    await trx.insertInto('audit_events').values(rows).execute()
  }
}

function toRow(at: Date, context: RequestContext, event: AuditEvent): Insertable<AuditEventTable> {
  const { actor } = event
  return {
    occurred_at: at,
    actor_type: actor.type,
    actor_id: actor.type === 'account' || actor.type === 'token' ? actor.id : null,
    actor_name: actor.type === 'anonymous' ? null : actor.name,
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    fields: event.fields ?? null,
    purpose: event.purpose ?? null,
    outcome: event.outcome ?? 'allowed',
    reason: event.reason ?? null,
    request_id: context.requestId,
    source_ip: context.sourceIp,
    user_agent: context.userAgent?.slice(0, 512) ?? null,
    details: event.details ? JSON.stringify(event.details) : null,
  }
}

const groupCommits = new WeakMap<Kysely<DB>, GroupCommit>()

/** 15 parameters a row; PostgreSQL takes at most 65,535 in one statement. */
const MAX_GROUP = 2000

type Waiting = {
  row: Insertable<AuditEventTable>
  done: () => void
  failed: (error: unknown) => void
}

/**
 * Group commit: while one INSERT is in flight, new events queue; when it
 * returns, everything queued goes in the next INSERT.
 */
class GroupCommit {
  private queue: Waiting[] = []
  private flushing = false

  constructor(private readonly db: Kysely<DB>) {}

  append(row: Insertable<AuditEventTable>): Promise<void> {
    return new Promise((done, failed) => {
      this.queue.push({ row, done, failed })
      if (!this.flushing) void this.flush()
    })
  }

  private async flush(): Promise<void> {
    this.flushing = true
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_GROUP)
      try {
        await this.db
          .insertInto('audit_events')
          .values(group.map((w) => w.row))
          .execute()
        for (const waiting of group) waiting.done()
      } catch (error) {
        for (const waiting of group) waiting.failed(error)
      }
    }
    this.flushing = false
  }
}
