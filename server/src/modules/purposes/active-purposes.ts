import type { Database } from '../../db/database.js'
import { notifiedCache } from '../../platform/notified-cache.js'
import type { Purpose } from './purpose-writes.js'

/**
 * The active purposes, read on every reveal and consent: kept per process
 * until a purpose changes (the trigger of migration 0016 announces any
 * change; issue 15).
 */
const activePurposes = notifiedCache('custodia_purposes', async (db) => {
  const rows = await db.selectFrom('purposes').selectAll().where('active', '=', true).execute()
  return new Map(rows.map((purpose) => [purpose.code, purpose]))
})

/** An active purpose by code, or undefined: a reveal may name only these (ACC-2). */
export async function findActivePurpose(db: Database, code: string): Promise<Purpose | undefined> {
  return (await activePurposes.get(db)).get(code)
}
