import { sql } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { PublishNoticeInput } from './notices.schemas.js'

const selectNotices = (deps: AppDeps) =>
  deps.db
    .selectFrom('notices as n')
    .innerJoin('accounts as a', 'a.id', 'n.published_by')
    .select(['n.version', 'n.purposes', 'n.content', 'n.published_at', 'a.id', 'a.display_name'])

type Row = Awaited<ReturnType<ReturnType<typeof selectNotices>['executeTakeFirstOrThrow']>>

const present = (row: Row) => ({
  version: row.version,
  purposes: row.purposes,
  content: row.content,
  publishedBy: { id: row.id, name: row.display_name },
  publishedAt: row.published_at,
})

/** Every version, newest first: old versions stay, since consents name the one they rest on (CON-1). */
export async function listNotices(deps: AppDeps) {
  return (await selectNotices(deps).orderBy('n.version', 'desc').execute()).map(present)
}

export async function getNotice(deps: AppDeps, version: number) {
  const row = await selectNotices(deps).where('n.version', '=', version).executeTakeFirst()
  if (!row) throw new AppError('NOTICE_NOT_FOUND')
  return present(row)
}

/** A new version (the next number); a published version is never changed. */
export async function publishNotice(call: Call, input: PublishNoticeInput) {
  const { deps, context, principal, now } = call
  const purposes = [...new Set(input.purposes)]
  const known = await deps.db
    .selectFrom('purposes')
    .select('code')
    .where('code', 'in', purposes)
    .execute()
  const unknown = purposes.filter((code) => !known.some((k) => k.code === code))
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', { purposes: 'notAllowed' })

  const version = await deps.db.transaction().execute(async (trx) => {
    // One publisher at a time, so two publications never take the same number.
    await sql`lock table notices in share row exclusive mode`.execute(trx)
    const last = await trx
      .selectFrom('notices')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst()
    const next = (last?.version ?? 0) + 1
    await trx
      .insertInto('notices')
      .values({
        version: next,
        purposes,
        content: JSON.stringify(input.content),
        published_by: principal.accountId,
        published_at: now,
      })
      .execute()
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'notice.published',
      target: { type: 'notice', id: String(next) },
    })
    return next
  })
  return getNotice(deps, version)
}
