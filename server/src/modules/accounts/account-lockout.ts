import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import { MINUTE } from '../../platform/clock.js'

/**
 * ACC-4 lockout as one atomic step per account, kept on the account row
 * (so it belongs to the accounts module; sign-in and API tokens use it). An attempt (a password, or a
 * two-factor code) is counted BEFORE it is checked, by a single conditional
 * UPDATE: the row lock serialises concurrent attempts on PostgreSQL (the
 * WHERE is re-evaluated on the newest row), so however many arrive at once,
 * from however many addresses, at most `attempts` are admitted before the
 * lock; the rest are refused without a check. The attempt that reaches the
 * limit sets the lock itself; if it turns out to be right, the lock is lifted
 * again (clearFailures / releaseAttempt).
 *
 * Invariant: while a lock window runs, `locked_until` is set exactly when
 * `failed_logins` has reached the limit. Once the window has passed, the next
 * attempt starts counting from one.
 */
export type LockoutPolicy = { attempts: number; minutes: number }

export type Admission =
  | { admitted: true; failures: number; lockedNow: boolean }
  | { admitted: false }

export async function admitAttempt(
  db: Database,
  accountId: string,
  attempt: { now: Date; policy: LockoutPolicy },
): Promise<Admission> {
  const { now, policy } = attempt
  const lockUntil = new Date(now.getTime() + policy.minutes * MINUTE)
  // An expired lock starts a fresh count; otherwise count on.
  const expired = sql<boolean>`(locked_until is not null and locked_until <= ${now}::timestamptz)`
  const next = sql<number>`(case when ${expired} then 1 else failed_logins + 1 end)`
  const row = await db
    .updateTable('accounts')
    .set({
      failed_logins: next,
      locked_until: sql`case when ${next} >= ${policy.attempts} then ${lockUntil}::timestamptz else null end`,
    })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst()
  if (!row) return { admitted: false }
  return { admitted: true, failures: row.failed_logins, lockedNow: row.locked_until !== null }
}

/** The attempt was right: the count starts again and any lock it set is lifted. */
export async function clearFailures(db: Database, accountId: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', accountId)
    .execute()
}

/**
 * The admitted attempt proved nothing either way (the right password without
 * the two-factor code yet): it no longer counts. The lock stays only if the
 * remaining failures still reach the limit.
 */
export async function releaseAttempt(
  db: Database,
  accountId: string,
  policy: LockoutPolicy,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      failed_logins: sql`greatest(failed_logins - 1, 0)`,
      locked_until: sql`case when failed_logins - 1 >= ${policy.attempts} then locked_until else null end`,
    })
    .where('id', '=', accountId)
    .execute()
}
