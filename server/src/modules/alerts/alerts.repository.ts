import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { AlertStatus } from '../../db/schema.js'

/**
 * The alerts the console lists, newest first, each with the display name of
 * the account that set it off: the account itself, or the account an API
 * token acted for (issue 14 item 5). Read-only: the alerts belong to the
 * detection (audit/alerts), the names to the accounts.
 */
export async function listAlertRows(db: Database, status: AlertStatus | undefined) {
  return (
    db
      .selectFrom('alerts')
      // An alert's actor id is text (a system actor's may be no uuid): compared as text.
      .leftJoin('accounts as account', (join) =>
        join.on(sql<boolean>`account.id::text = alerts.actor_id`),
      )
      .leftJoin('api_tokens as token', (join) =>
        join.on(sql<boolean>`token.id::text = alerts.actor_id`),
      )
      .leftJoin('accounts as token_account', 'token_account.id', 'token.account_id')
      .selectAll('alerts')
      .select((eb) =>
        eb.fn
          .coalesce('account.display_name', 'token_account.display_name')
          .as('actor_display_name'),
      )
      .$if(status !== undefined, (q) => q.where('alerts.status', '=', status ?? 'open'))
      .orderBy('alerts.last_seen_at', 'desc')
      .limit(500)
      .execute()
  )
}

export type AlertRow = Awaited<ReturnType<typeof listAlertRows>>[number]
