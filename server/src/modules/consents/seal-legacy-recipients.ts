import { sql } from 'kysely'
import { NO_REQUEST, recordAuditEvent } from '../../audit/audit-log.js'
import type { AppDeps } from '../../platform/deps.js'
import type { CustomerKey } from '../../security/vault.js'
import { RECIPIENT_ADDRESS } from './consent-ledger.js'

export type LegacyRecipientsReport = { sealed: number; dropped: number }

/**
 * Recipients recorded before they were sealed (migration
 * 0009-sealed-recipients moved them to `consents.legacy_recipient`) are
 * sealed under their customer's data key and cleared, when the server
 * starts and before it serves: a migration cannot reach the master key.
 * A destroyed customer's recipient cannot be sealed — its key is gone — and
 * is dropped, as its destruction asks. Safe to run on several servers at
 * once: a row is changed only while it still holds a plain recipient.
 */
export async function sealLegacyRecipients(
  deps: Pick<AppDeps, 'db' | 'vault' | 'clock'>,
): Promise<LegacyRecipientsReport> {
  const rows = await deps.db
    .selectFrom('consents')
    .select(['id', 'customer_id', 'legacy_recipient'])
    .where('legacy_recipient', 'is not', null)
    .execute()
  if (rows.length === 0) return { sealed: 0, dropped: 0 }
  const customerIds = [...new Set(rows.map((r) => r.customer_id))]
  const keyRows = await deps.db
    .selectFrom('customer_keys')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .execute()
  // Keys are opened before the transaction: the embedded database has one connection.
  const keys = new Map<string, CustomerKey>()
  for (const row of keyRows) keys.set(row.customer_id, await deps.vault.openCustomerKey(row))

  const report = { sealed: 0, dropped: 0 }
  await deps.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const key = keys.get(row.customer_id)
      const sealed = key && deps.vault.seal(key, RECIPIENT_ADDRESS, row.legacy_recipient ?? '')
      const changed = await sql`
        update consents
        set legacy_recipient = null,
            sealed = ${sealed ? sql`sealed || jsonb_build_object('recipient', ${sealed}::text)` : sql`sealed`}
        where id = ${row.id} and legacy_recipient is not null`.execute(trx)
      if (!changed.numAffectedRows) continue
      if (sealed) report.sealed++
      else report.dropped++
    }
    if (report.sealed + report.dropped > 0) {
      await recordAuditEvent(trx, deps.clock.now(), NO_REQUEST, {
        actor: { type: 'system', name: 'start-up' },
        action: 'consent.recipients_sealed',
        details: report,
      })
    }
  })
  return report
}
