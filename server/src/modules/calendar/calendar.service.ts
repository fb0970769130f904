import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { addWorkingDays, dayIn, endOfDayIn, type Overrides } from './working-days.js'

export async function loadOverrides(db: Database): Promise<Overrides> {
  const rows = await db.selectFrom('calendar_days').select(['day', 'kind']).execute()
  return new Map(rows.map((r) => [r.day, r.kind]))
}

export async function listCalendar(db: Database, year: number) {
  return db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'name'])
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute()
}

/**
 * The deadline of something received at `receivedAt`: the end of the
 * `workingDays`th working day after the day of receipt, in the company's
 * time zone. Fixed when the request arrives; a later change to the
 * calendar does not move it.
 */
export function deadlineFor(
  receivedAt: Date,
  rule: { workingDays: number; timeZone: string; overrides: Overrides },
): { dueDay: string; dueAt: Date } {
  const { workingDays, timeZone, overrides } = rule
  const dueDay = addWorkingDays(dayIn(timeZone, receivedAt), workingDays, overrides)
  return { dueDay, dueAt: endOfDayIn(timeZone, dueDay) }
}

export async function setCalendarDay(
  call: Call,
  day: string,
  entry: { kind: 'holiday' | 'workday'; name: string } | null,
) {
  const { deps, context, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    if (entry) {
      await trx
        .insertInto('calendar_days')
        .values({ day, ...entry })
        .onConflict((c) => c.column('day').doUpdateSet(entry))
        .execute()
    } else {
      const removed = await trx
        .deleteFrom('calendar_days')
        .where('day', '=', day)
        .executeTakeFirst()
      if (removed.numDeletedRows === 0n) throw new AppError('NOT_FOUND')
    }
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: entry ? 'calendar.day_set' : 'calendar.day_removed',
      target: { type: 'calendar_day', id: day },
      ...(entry && { details: { kind: entry.kind } }),
    })
  })
}
