import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'

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
  action: string
  target?: { type: string; id: string }
  fields?: string[]
  purpose?: string
  outcome?: 'allowed' | 'denied'
  reason?: string
  details?: { [key: string]: JsonValue }
}

export const NO_REQUEST: RequestContext = { requestId: null, sourceIp: null, userAgent: null }

export async function recordAuditEvent(
  db: Kysely<DB> | Transaction<DB>,
  at: Date,
  context: RequestContext,
  event: AuditEvent,
): Promise<void> {
  const { actor } = event
  await db
    .insertInto('audit_events')
    .values({
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
    })
    .execute()
}
