import { createHash } from 'node:crypto'
import type { Selectable } from 'kysely'
import type { AuditEventTable } from '../db/schema.js'

/**
 * The hash chain of the audit trail (AUD-2), with domain separation in the
 * style of RFC 6962: a leaf is SHA-256(0x00 || event), a link is
 * SHA-256(0x01 || previous link || leaf). The chain starts from 32 zero bytes.
 */
export type StoredEvent = Selectable<AuditEventTable>

export const CHAIN_START = Buffer.alloc(32)
const LEAF_PREFIX = Buffer.from([0x00])
const LINK_PREFIX = Buffer.from([0x01])

/**
 * The canonical bytes of an event: every column, in a fixed order, as JSON.
 * Object keys inside details are sorted so the database's own key order
 * (jsonb) does not matter.
 */
export function canonicalEvent(event: StoredEvent): string {
  return JSON.stringify([
    'v1',
    String(event.id),
    event.occurred_at.toISOString(),
    event.actor_type,
    event.actor_id,
    event.actor_name,
    event.action,
    event.target_type,
    event.target_id,
    event.fields,
    event.purpose,
    event.outcome,
    event.reason,
    event.request_id,
    event.source_ip,
    event.user_agent,
    sortKeys(event.details),
  ])
}

export function leafHash(event: StoredEvent): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(canonicalEvent(event)).digest()
}

export function linkHash(previous: Buffer, leaf: Buffer): Buffer {
  return createHash('sha256').update(LINK_PREFIX).update(previous).update(leaf).digest()
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}
