import type { Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import { DAY } from '../../platform/clock.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import { mailerOf } from './mailer.js'
import { mailOf, presentNotification } from './notifications.presenter.js'
import {
  addressOf,
  insertNotifications,
  markMailed,
  markRead,
  type NewNotification,
  notificationsOf,
  saveAddress,
  unmailedWithAddress,
  unreadCount,
} from './notifications.repository.js'
import type { NotificationsQuery } from './notifications.schemas.js'

/** GET /notifications: the caller's own notifications, newest first, with how many are unread. */
export async function listNotifications(call: Call, query: NotificationsQuery) {
  const { db } = call.deps
  const accountId = call.principal.accountId
  const [rows, unread] = await Promise.all([
    notificationsOf(db, accountId, { unreadOnly: query.unread === 'true', limit: query.limit }),
    unreadCount(db, accountId),
  ])
  return { items: rows.map(presentNotification), unread }
}

/** POST /notifications/{id}/read: marks one of the caller's own notifications read; another's is not found. */
export async function readNotification(call: Call, id: string) {
  const row = await markRead(call.deps.db, call.principal.accountId, id, call.now)
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND')
  return presentNotification(row)
}

/** GET /notifications/address: where the caller receives notifications by e-mail. */
export async function showAddress(call: Call) {
  return {
    email: await addressOf(call.deps.db, call.principal.accountId),
    mailEnabled: call.deps.config.smtp !== undefined,
  }
}

/** PUT /notifications/address: the caller sets (or, with null, removes) their address; audited without it. */
export async function changeAddress(call: Call, email: string | null) {
  const { deps, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    await saveAddress(trx, principal.accountId, email, now)
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'notification.address_changed',
      target: { type: 'account', id: principal.accountId },
      details: { set: email !== null },
    })
  })
  return showAddress(call)
}

/**
 * Stores notifications for their accounts inside the caller's transaction
 * (another module's write: a reminder, an escalation). Their parameters are
 * masked values only. They are mailed by `mailPending` once committed.
 */
export async function notify(
  trx: Transaction<DB>,
  notices: readonly NewNotification[],
  at: Date,
): Promise<string[]> {
  return insertNotifications(trx, notices, at)
}

/**
 * Sends by e-mail the notifications of the last day not mailed yet to the
 * accounts that gave an address, when the server sends e-mail; each sent
 * one is marked and audited (never with the address). A failed send is
 * tried again at the next run.
 */
export async function mailPending(call: Call<Caller>, db: Database): Promise<number> {
  const { deps, now } = call
  const mailer = mailerOf(deps.config)
  if (!mailer) return 0
  const pending = await unmailedWithAddress(db, new Date(now.getTime() - DAY))
  let sent = 0
  for (const notice of pending) {
    const mail = mailOf(notice, {
      to: notice.email,
      timeZone: deps.config.timeZone,
      publicUrl: deps.config.publicUrl,
    })
    try {
      await mailer.send(mail)
    } catch {
      continue
    }
    await db.transaction().execute(async (trx) => {
      await markMailed(trx, notice.id, now)
      await recordAuditEvent(trx, now, call.context, {
        actor: call.principal.actor,
        action: 'notification.mailed',
        target: { type: 'notification', id: notice.id },
        details: { kind: notice.kind, account: notice.account_id },
      })
    })
    sent++
  }
  return sent
}
