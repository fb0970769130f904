import { appendFile, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Database } from '../../db/database.js'

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
