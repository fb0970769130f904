import type { z } from 'zod'
import { DAY } from '../../platform/clock.js'
import type { OwnedRow, PoolRow, PoolSettings } from './pool.repository.js'
import type {
  poolCustomerSchema,
  poolSettingsSchema,
  quotaSchema,
  returningCustomerSchema,
} from './pool.schemas.js'
import type { PoolRule } from './pool-rules.js'
import { daysSince, daysUntil, type OwnedCustomer, returnsAt } from './pool-rules.js'

type Grade = z.infer<typeof poolCustomerSchema>['grade']
type Quota = z.infer<typeof quotaSchema>

export function presentQuota(
  settings: PoolSettings,
  counts: { day: string; pickedToday: number; owned: number },
): Quota {
  return {
    day: counts.day,
    dailyLimit: settings.dailyPickLimit,
    pickedToday: counts.pickedToday,
    remainingToday: Math.max(0, settings.dailyPickLimit - counts.pickedToday),
    owned: counts.owned,
    ownerCap: settings.ownerCap,
    coolOffDays: settings.coolOffDays,
  }
}

/** A customer in the pool: its masked name, plain attributes, and nothing personal in plain text. */
export function presentPoolCustomer(
  row: PoolRow,
  facts: { maskedName?: string; formerOwnerName?: string; coolOffDays: number; now: Date },
): z.infer<typeof poolCustomerSchema> {
  const coolingOffUntil =
    row.my_recycled_at === null
      ? null
      : new Date(row.my_recycled_at.getTime() + facts.coolOffDays * DAY)
  return {
    customerId: row.id,
    maskedName: facts.maskedName ?? '',
    kind: row.kind,
    grade: row.grade as Grade,
    source: row.source,
    departmentId: row.department_id,
    inPoolSince: row.in_pool_since,
    daysInPool: daysSince(row.in_pool_since, facts.now),
    formerOwner:
      row.former_owner_id === null
        ? null
        : { id: row.former_owner_id, name: facts.formerOwnerName ?? '' },
    coolingOffUntil: coolingOffUntil && coolingOffUntil > facts.now ? coolingOffUntil : null,
  }
}

export function ownedCustomerOf(row: OwnedRow): OwnedCustomer {
  return {
    since: row.since,
    rule: { recycleAfterDays: row.recycle_after_days, warnDaysBefore: row.warn_days_before },
    warnedAt: row.warned_at,
  }
}

/** One of the owner's customers about to return to the pool, and when. */
export function presentReturning(
  row: OwnedRow,
  facts: { maskedName?: string; now: Date },
): z.infer<typeof returningCustomerSchema> {
  const returns = returnsAt(ownedCustomerOf(row), facts.now)
  return {
    customerId: row.id,
    maskedName: facts.maskedName ?? '',
    grade: row.grade as Grade,
    lastActivityAt: row.since,
    returnsAt: returns,
    daysLeft: daysUntil(facts.now, returns),
    warnedAt: row.warned_at,
  }
}

export function presentSettings(
  settings: PoolSettings,
  rules: PoolRule[],
  changedByName: string | undefined,
): z.infer<typeof poolSettingsSchema> {
  return {
    recyclingEnabled: settings.recyclingEnabled,
    dailyPickLimit: settings.dailyPickLimit,
    coolOffDays: settings.coolOffDays,
    ownerCap: settings.ownerCap,
    rules: rules.map((r) => ({ ...r, grade: r.grade as Grade })),
    changedAt: settings.changedAt,
    changedBy:
      settings.changedBy === null ? null : { id: settings.changedBy, name: changedByName ?? '' },
  }
}
