import {
  type Actor,
  type RequestContext,
  recordAuditEvent,
  type StoredEvent,
} from '../../audit/audit-log.js'
import { type ExportedCheckpoint, exportCheckpoint } from '../../audit/checkpoint.js'
import { verifierFromPem } from '../../audit/signing-key.js'
import { type VerifyResult, verifyTrail } from '../../audit/verify.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import type { AuditEventView, AuditQuery } from './audit.schemas.js'
import { toCsv } from './csv.js'

/** AUD-4: what auditors and the compliance officer read of the trail. */
export const EXPORT_LIMIT = 100_000

export async function searchEvents(
  deps: AppDeps,
  query: AuditQuery & { cursor?: number | undefined; limit: number },
) {
  const rows = await filtered(deps.db, query)
    .$if(query.cursor !== undefined, (q) => q.where('e.id', '<', query.cursor ?? 0))
    .limit(query.limit + 1)
    .execute()
  const items = rows.slice(0, query.limit).map(presentEvent)
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
}

/** An export is itself an audited access (AUD-4). */
export async function exportEvents(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  query: AuditQuery & { format: 'csv' | 'json' },
): Promise<{ body: string; count: number }> {
  const items = (await filtered(deps.db, query).limit(EXPORT_LIMIT).execute()).map(presentEvent)
  const { format, ...filters } = query
  await recordAuditEvent(deps.db, deps.clock.now(), context, {
    actor,
    action: 'audit.exported',
    target: { type: 'audit_trail', id: 'events' },
    details: { format, count: items.length, ...filters },
  })
  const body =
    format === 'json'
      ? JSON.stringify({ items }, null, 2)
      : toCsv(EXPORT_COLUMNS, items.map(csvRow))
  return { body, count: items.length }
}

export async function verifyAuditTrail(deps: AppDeps): Promise<VerifyResult> {
  return verifyTrail(deps.db, verifierFromPem(deps.auditSigner.publicKeyPem))
}

export async function latestCheckpoint(deps: AppDeps): Promise<ExportedCheckpoint | null> {
  const row = await deps.db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  return exportCheckpoint(
    {
      size: row.size,
      chainHash: row.chain_hash,
      signedAt: row.signed_at,
      keyId: row.key_id,
      signature: row.signature,
    },
    deps.auditSigner.publicKeyPem,
  )
}

function filtered(db: Database, query: AuditQuery) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('audit_seals as s', 's.event_id', 'e.id')
    .selectAll('e')
    .select('s.seq')
    .$if(query.customerId !== undefined, (q) =>
      q.where('e.target_type', '=', 'customer').where('e.target_id', '=', query.customerId ?? ''),
    )
    .$if(query.actor !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('e.actor_id', '=', query.actor ?? ''),
          eb('e.actor_name', '=', query.actor ?? ''),
        ]),
      ),
    )
    .$if(query.action !== undefined, (q) => {
      const action = query.action ?? ''
      return action.endsWith('.*')
        ? q.where('e.action', 'like', `${action.slice(0, -1).replaceAll('_', '\\_')}%`)
        : q.where('e.action', '=', action)
    })
    .$if(query.outcome !== undefined, (q) => q.where('e.outcome', '=', query.outcome ?? 'allowed'))
    .$if(query.from !== undefined, (q) => q.where('e.occurred_at', '>=', new Date(query.from ?? 0)))
    .$if(query.to !== undefined, (q) => q.where('e.occurred_at', '<', new Date(query.to ?? 0)))
    .orderBy('e.id', 'desc')
}

function presentEvent(row: StoredEvent & { seq: number | null }): AuditEventView {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    fields: row.fields ?? [],
    purpose: row.purpose,
    outcome: row.outcome,
    reason: row.reason,
    requestId: row.request_id,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    details: row.details,
  }
}

const EXPORT_COLUMNS = [
  'id',
  'seq',
  'occurredAt',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'fields',
  'purpose',
  'outcome',
  'reason',
  'requestId',
  'sourceIp',
  'userAgent',
  'details',
]

function csvRow(event: AuditEventView): (string | number | null)[] {
  return [
    event.id,
    event.seq,
    event.occurredAt,
    event.actor.type,
    event.actor.id,
    event.actor.name,
    event.action,
    event.target?.type ?? null,
    event.target?.id ?? null,
    event.fields.join(' '),
    event.purpose,
    event.outcome,
    event.reason,
    event.requestId,
    event.sourceIp,
    event.userAgent,
    event.details ? JSON.stringify(event.details) : null,
  ]
}
