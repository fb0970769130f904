import { type SqlBool, sql } from 'kysely'
import type { StoredEvent } from '../../audit/audit-log.js'
import { type ExportedCheckpoint, exportCheckpoint } from '../../audit/checkpoint.js'
import { verifierFromPem } from '../../audit/signing-key.js'
import { RETENTION_FLOOR_DAYS, type VerifyResult, verifyTrail } from '../../audit/verify.js'
import { readWitnessLog } from '../../audit/witness-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import type { AuditEventView, AuditQuery } from './audit.schemas.js'
import type { EventNames } from './audit-names.js'
import { namesForEvents } from './audit-names.js'

/** AUD-4: what auditors and the compliance officer read of the trail. */
export async function searchEvents(
  deps: AppDeps,
  query: AuditQuery & { cursor?: number | undefined; limit: number },
) {
  const rows = await deps.db
    .selectFrom('audit_events as e')
    .leftJoin('audit_seals as s', 's.event_id', 'e.id')
    .selectAll('e')
    .select('s.seq')
    .where(eventFilter(query))
    .$if(query.cursor !== undefined, (q) => q.where('e.id', '<', query.cursor ?? 0))
    .orderBy('e.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const page = rows.slice(0, query.limit)
  const names = await namesForEvents(deps, page)
  const items = page.map((row) => presentEvent(row, names(row)))
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
}

/**
 * AUD-2: the whole trail with the server's public key, against the witness
 * log when this server keeps one, with events left uncovered too long and
 * young prunes failing as on the command line.
 */
export async function verifyAuditTrail(deps: AppDeps): Promise<VerifyResult> {
  const verifier = verifierFromPem(deps.auditSigner.publicKeyPem)
  const { witness } = deps.auditSigner
  let witnessLog: Awaited<ReturnType<typeof readWitnessLog>> | undefined
  if (witness) {
    witnessLog = await readWitnessLog(witness.file, verifier)
    if (!witnessLog.ok) {
      return {
        ok: false,
        events: 0,
        firstPosition: 0,
        pending: 0,
        lastCheckpoint: null,
        firstBadPosition: 0,
        problem: witnessLog.problem,
        witnessLine: witnessLog.line,
      }
    }
  }
  return verifyTrail(deps.db, verifier, undefined, {
    ...(witnessLog?.ok && { witnessLog: witnessLog.entries }),
    now: deps.clock.now(),
    retentionFloorDays: RETENTION_FLOOR_DAYS,
  })
}

export async function latestCheckpoint(
  db: Database,
  publicKeyPem: string,
): Promise<ExportedCheckpoint | null> {
  const row = await db
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
    publicKeyPem,
  )
}

/** The search filters as one condition on the events (alias `e`), for the search and the exports. */
export function eventFilter(query: AuditQuery) {
  const parts = [sql<SqlBool>`true`]
  if (query.customerId !== undefined)
    parts.push(sql`e.target_type = 'customer' and e.target_id = ${query.customerId}`)
  if (query.actor !== undefined)
    parts.push(sql`(e.actor_id = ${query.actor} or e.actor_name = ${query.actor})`)
  if (query.action !== undefined) {
    const action = query.action
    parts.push(
      action.endsWith('.*')
        ? sql`e.action like ${`${action.slice(0, -1).replaceAll('_', '\\_')}%`}`
        : sql`e.action = ${action}`,
    )
  }
  if (query.outcome !== undefined) parts.push(sql`e.outcome = ${query.outcome}`)
  if (query.from !== undefined) parts.push(sql`e.occurred_at >= ${new Date(query.from)}`)
  if (query.to !== undefined) parts.push(sql`e.occurred_at < ${new Date(query.to)}`)
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`
}

/** An event as stored, with the names of what it names (audit-names.ts) beside its codes. */
export function presentEvent(
  row: StoredEvent & { seq: number | null },
  names: EventNames,
): AuditEventView {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actor: {
      type: row.actor_type,
      id: row.actor_id,
      name: row.actor_name,
      displayName: names.actorDisplayName,
    },
    action: row.action,
    target:
      row.target_type && row.target_id
        ? { type: row.target_type, id: row.target_id, name: names.targetName }
        : null,
    fields: row.fields ?? [],
    fieldNames: names.fieldNames,
    purpose: row.purpose,
    purposeName: names.purposeName,
    outcome: row.outcome,
    reason: row.reason,
    requestId: row.request_id,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    details: row.details,
  }
}
