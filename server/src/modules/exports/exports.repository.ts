import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DB, ExportTable } from '../../db/schema.js'

/** Every query of the exports table (its only writer). */

export async function insertExport(
  trx: Transaction<DB>,
  values: Insertable<ExportTable>,
): Promise<string> {
  const row = await trx
    .insertInto('exports')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** One export with its requester's username. */
export async function selectExport(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('exports as e')
    .innerJoin('accounts as a', 'a.id', 'e.requested_by')
    .selectAll('e')
    .select('a.username as requested_by_name')
    .where('e.id', '=', id)
    .executeTakeFirst()
}

export type ExportRow = NonNullable<Awaited<ReturnType<typeof selectExport>>>

/** A second person approved: the export may be downloaded from now until `expiresAt`. */
export async function markExportReady(
  trx: Transaction<DB>,
  id: string,
  at: { readyAt: Date; expiresAt: Date },
): Promise<boolean> {
  const updated = await trx
    .updateTable('exports')
    .set({ state: 'ready', ready_at: at.readyAt, expires_at: at.expiresAt })
    .where('id', '=', id)
    .where('state', '=', 'pending_approval')
    .executeTakeFirst()
  return updated.numUpdatedRows > 0n
}

export async function countDownload(db: Kysely<DB>, id: string): Promise<void> {
  await db
    .updateTable('exports')
    .set((eb) => ({ downloads: eb('downloads', '+', 1) }))
    .where('id', '=', id)
    .execute()
}
