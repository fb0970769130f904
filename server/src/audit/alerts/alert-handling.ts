import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Records how a person handled an alert (acknowledged it, or closed it,
 * with an optional note). The alerts table belongs to detection
 * (evaluate-alerts.ts raises and extends alerts); the alerts module, which
 * lets people handle them, writes through here.
 */
export async function markAlertHandled(
  trx: Transaction<DB>,
  id: string,
  handling: { status: 'acknowledged' | 'closed'; by: string; at: Date; note: string | undefined },
): Promise<void> {
  await trx
    .updateTable('alerts')
    .set({
      status: handling.status,
      handled_by: handling.by,
      updated_at: handling.at,
      ...(handling.note !== undefined ? { note: handling.note } : {}),
    })
    .where('id', '=', id)
    .execute()
}
