import type { Kysely } from 'kysely'
import type { DB, InteractionChannel, InteractionDirection, SealedValues } from '../../db/schema.js'

/** The outcomes as the company configures them, in order (active or not: old interactions may have one). */
export async function interactionOutcomes(db: Kysely<DB>) {
  return db.selectFrom('interaction_outcomes').selectAll().orderBy('position').execute()
}

export type NewInteraction = {
  customerId: string
  occurredAt: Date
  staffId: string
  channel: InteractionChannel
  direction: InteractionDirection
  durationMinutes: number | null
  outcome: string | null
  sealed: SealedValues
  origin: { kind: 'reception_visit' | 'reception_call'; ref: string } | null
  createdBy: string
  at: Date
}

export async function insertInteraction(trx: Kysely<DB>, entry: NewInteraction): Promise<string> {
  const { id } = await trx
    .insertInto('interactions')
    .values({
      customer_id: entry.customerId,
      occurred_at: entry.occurredAt,
      staff_id: entry.staffId,
      channel: entry.channel,
      direction: entry.direction,
      duration_minutes: entry.durationMinutes,
      outcome: entry.outcome,
      sealed: JSON.stringify(entry.sealed),
      origin: entry.origin?.kind ?? null,
      origin_ref: entry.origin?.ref ?? null,
      created_by: entry.createdBy,
      created_at: entry.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const selectInteractions = (db: Kysely<DB>) =>
  db
    .selectFrom('interactions as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .innerJoin('accounts as s', 's.id', 'i.staff_id')
    .select([
      'i.id',
      'c.id as customer_id',
      'i.occurred_at',
      'i.staff_id',
      's.display_name as staff_name',
      'i.channel',
      'i.direction',
      'i.duration_minutes',
      'i.outcome',
      'i.sealed',
      'i.origin',
      'i.created_at',
    ])

export type InteractionRow = Awaited<
  ReturnType<ReturnType<typeof selectInteractions>['executeTakeFirstOrThrow']>
>

/** One interaction of a customer who still exists; the caller's scope is the route's guard's to check. */
export async function findInteraction(
  db: Kysely<DB>,
  id: string,
): Promise<InteractionRow | undefined> {
  return selectInteractions(db).where('i.id', '=', id).executeTakeFirst()
}

/** A customer's interactions, the latest first. */
export async function interactionsOf(
  db: Kysely<DB>,
  customerId: string,
  limit: number,
): Promise<InteractionRow[]> {
  return selectInteractions(db)
    .where('i.customer_id', '=', customerId)
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id')
    .limit(limit)
    .execute()
}

/** Whether an account is active, and in the department (when one is given). */
export async function isActiveStaff(
  db: Kysely<DB>,
  accountId: string,
  departmentId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('status', '=', 'active')
  if (departmentId) query = query.where('department_id', '=', departmentId)
  return (await query.executeTakeFirst()) !== undefined
}
