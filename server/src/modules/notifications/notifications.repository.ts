import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { NotificationKind } from './notifications.schemas.js'

type Db = Kysely<DB>

export type NewNotification = {
  accountId: string
  kind: NotificationKind
  link: string
  params: Record<string, string>
}

export async function insertNotifications(
  trx: Db,
  notices: readonly NewNotification[],
  at: Date,
): Promise<string[]> {
  if (notices.length === 0) return []
  const rows = await trx
    .insertInto('notifications')
    .values(
      notices.map((n) => ({
        account_id: n.accountId,
        kind: n.kind,
        link: n.link,
        params: n.params,
        created_at: at,
      })),
    )
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

export async function notificationsOf(
  db: Db,
  accountId: string,
  options: { unreadOnly: boolean; limit: number },
) {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
  if (options.unreadOnly) query = query.where('read_at', 'is', null)
  return query.execute()
}

export async function unreadCount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Marks the account's own notification read (once); undefined when it is not theirs. */
export async function markRead(db: Db, accountId: string, id: string, at: Date) {
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  if (!row) return undefined
  if (row.read_at) return row
  return db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The notifications since `since` not mailed yet, of accounts with an address, oldest first. */
export async function unmailedWithAddress(db: Db, since: Date) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('notification_addresses as a', 'a.account_id', 'n.account_id')
    .select(['n.id', 'n.account_id', 'n.kind', 'n.link', 'n.params', 'a.email'])
    .where('n.created_at', '>=', since)
    .where('n.mailed_at', 'is', null)
    .orderBy('n.created_at')
    .execute()
}

export async function markMailed(db: Db, id: string, at: Date) {
  await db.updateTable('notifications').set({ mailed_at: at }).where('id', '=', id).execute()
}

export async function addressOf(db: Db, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('notification_addresses')
    .select('email')
    .where('account_id', '=', accountId)
    .executeTakeFirst()
  return row?.email ?? null
}

export async function saveAddress(db: Db, accountId: string, email: string | null, at: Date) {
  if (email === null) {
    await db.deleteFrom('notification_addresses').where('account_id', '=', accountId).execute()
    return
  }
  await db
    .insertInto('notification_addresses')
    .values({ account_id: accountId, email, changed_at: at })
    .onConflict((c) => c.column('account_id').doUpdateSet({ email, changed_at: at }))
    .execute()
}
