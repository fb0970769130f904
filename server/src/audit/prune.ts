import { sql } from 'kysely'
import type { Database } from '../db/database.js'
import { DAY } from '../platform/clock.js'

/**
 * AUD-2 retention: removes the sealed prefix of the trail up to the newest
 * checkpoint older than the retention period. Whole sealed ranges go; the
 * checkpoints stay, so what remains verifies from the last removed one. The
 * database function refuses anything younger than six months on its own.
 */
export async function pruneAuditTrail(
  db: Database,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY)
  const boundary = await db
    .selectFrom('audit_checkpoints')
    .select('size')
    .where('signed_at', '<', cutoff)
    .where('size', '<=', (eb) =>
      eb.selectFrom('audit_seals').select((s) => s.fn.max('seq').as('m')),
    )
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!boundary) return 0
  const { rows } = await sql<{
    removed: number
  }>`select audit_prune(${boundary.size}, ${retentionDays}) as removed`.execute(db)
  return Number(rows[0]?.removed ?? 0)
}
