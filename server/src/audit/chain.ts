import { hash } from 'node:crypto'
import { sql } from 'kysely'

/**
 * The hash chain of the audit trail (AUD-2), with domain separation in the
 * style of RFC 6962: a leaf is SHA-256(0x00 || event), a link is
 * SHA-256(0x01 || previous link || leaf). The chain starts from 32 zero bytes.
 */
export const CHAIN_START = Buffer.alloc(32)
const LINK_PREFIX = Buffer.from([0x01])

/**
 * The canonical text of an event (alias `e`), rendered by the database: every
 * column in a fixed order as a JSON array, the time as microseconds since
 * 1970 (an integer: no time zone or date style can change it), details as jsonb's own normalised text. Any change to any
 * column changes it. Rendering it in SQL keeps the sealer and the verifier on
 * exactly the same bytes, and lets verification read one text column per
 * event instead of parsing seventeen.
 */
export const CANONICAL_EVENT = sql<string>`json_build_array(
  'v1', e.id, (extract(epoch from e.occurred_at) * 1000000)::bigint,
  e.actor_type, e.actor_id, e.actor_name, e.action, e.target_type, e.target_id, e.fields,
  e.purpose, e.outcome, e.reason, e.request_id, e.source_ip, e.user_agent, e.details)::text`

/**
 * The leaf hash of an event (alias `e`), computed by the database with its
 * built-in SHA-256 over the same canonical text: verification then reads 32
 * bytes an event instead of its text. The sealer hashes in Node, so the two
 * computations check each other.
 */
export const LEAF_HASH = sql<Buffer>`sha256(decode('00', 'hex') || convert_to(${CANONICAL_EVENT}, 'UTF8'))`

export function leafHash(canonicalEvent: string): Buffer {
  // One-shot hashing: several times cheaper than createHash() for inputs this small.
  return hash('sha256', `\u0000${canonicalEvent}`, 'buffer') as Buffer
}

export function linkHash(previous: Buffer, leaf: Buffer): Buffer {
  return hash('sha256', Buffer.concat([LINK_PREFIX, previous, leaf], 65), 'buffer') as Buffer
}
