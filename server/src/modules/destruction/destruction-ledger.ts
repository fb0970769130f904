import { appendFile, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { shredCustomerData } from '../customer-data/index.js'

/**
 * RET-2: every destruction, also kept outside the database — beside the
 * master key, in the key store that data backups do not carry — so that a
 * restore of a backup taken before a destruction can carry it out again.
 * One JSON line per destruction, ids and times only: no personal data.
 */
export type LedgerEntry = {
  destructionId: string
  customerId: string
  reason: string
  requestedBy: string
  requestedAt: string
  decidedBy: string
  decidedAt: string
}

export const ledgerFile = (dataDir: string) => path.join(dataDir, 'keys', 'destructions.ledger')

export async function readLedger(dataDir: string): Promise<LedgerEntry[]> {
  const text = await readFile(ledgerFile(dataDir), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return ''
    throw error
  })
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LedgerEntry)
}

/**
 * Adds every completed destruction of the database that the ledger lacks:
 * after each approval, and at start (a process stopped between the commit
 * and the write loses nothing).
 */
export async function reconcileLedger(db: Database, dataDir: string): Promise<number> {
  const known = new Set((await readLedger(dataDir)).map((e) => e.destructionId))
  const done = await db
    .selectFrom('destructions')
    .selectAll()
    .where('status', '=', 'completed')
    .orderBy('decided_at')
    .execute()
  const missing = done.filter((d) => !known.has(d.id))
  if (missing.length === 0) return 0
  const lines = missing.map((d) =>
    JSON.stringify({
      destructionId: d.id,
      customerId: d.customer_id,
      reason: d.reason,
      requestedBy: d.requested_by,
      requestedAt: d.requested_at.toISOString(),
      decidedBy: d.decided_by ?? undefined,
      decidedAt: d.decided_at?.toISOString(),
    } satisfies Partial<LedgerEntry>),
  )
  await mkdir(path.dirname(ledgerFile(dataDir)), { recursive: true, mode: 0o700 })
  await appendFile(ledgerFile(dataDir), `${lines.join('\n')}\n`, { mode: 0o600 })
  return missing.length
}

/**
 * After a restore (RET-2): every destruction of the ledger that the
 * restored database does not show is carried out again — a customer
 * destroyed after the backup was taken is shredded by every holder of
 * customer data, as on the day, and its destruction record comes back.
 * Returns how many customers were destroyed again.
 */
export async function redoLedgerDestructions(db: Database, dataDir: string): Promise<number> {
  let destroyed = 0
  for (const entry of await readLedger(dataDir)) {
    await db.transaction().execute(async (trx) => {
      const customer = await trx
        .selectFrom('customers')
        .select('status')
        .where('id', '=', entry.customerId)
        .executeTakeFirst()
      if (!customer || customer.status === 'destroyed') return
      // As the restore loads rows: append-only triggers and foreign keys stand aside.
      await sql`set local session_replication_role = replica`.execute(trx)
      await shredCustomerData(trx, entry.customerId, new Date(entry.decidedAt))
      await trx
        .insertInto('destructions')
        .values({
          id: entry.destructionId,
          customer_id: entry.customerId,
          reason: entry.reason,
          status: 'completed',
          data_request_id: null,
          requested_by: entry.requestedBy,
          requested_at: new Date(entry.requestedAt),
          decided_by: entry.decidedBy,
          decided_at: new Date(entry.decidedAt),
        })
        .onConflict((c) => c.column('id').doUpdateSet({ status: 'completed' }))
        .execute()
      destroyed++
    })
  }
  return destroyed
}
