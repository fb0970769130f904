import { DAY } from '../../platform/clock.js'

/*
 * When a customer returns to the pool (CUS-10), as pure arithmetic: the
 * job, the owner's list of customers about to return and the tests read
 * the same answer. The clock starts at the latest follow-up, deal or
 * registration (建档) of the current owner; after the rule's days without
 * any the customer returns, and its owner is warned the rule's warning
 * days before. The warning always comes first: a customer whose owner was
 * not warned in time (the rules changed, the pool was just switched on)
 * returns a full warning period after the warning, not before.
 */

export type PoolRule = { grade: string | null; recycleAfterDays: number; warnDaysBefore: number }

/** The rule of a grade: its own, or the default (the rule of no grade). */
export function ruleFor(rules: readonly PoolRule[], grade: string | null): PoolRule {
  const own = grade === null ? undefined : rules.find((r) => r.grade === grade)
  const fallback = rules.find((r) => r.grade === null)
  const rule = own ?? fallback
  if (!rule) throw new Error('the pool has no default rule')
  return rule
}

export type OwnedCustomer = {
  /** The latest follow-up, deal or registration of the current owner. */
  since: Date
  rule: Pick<PoolRule, 'recycleAfterDays' | 'warnDaysBefore'>
  /** The latest warning given to the current owner since `since`, if any. */
  warnedAt: Date | null
}

const plusDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY)

/** The moment the rule's days without activity are over. */
export function dueAt(customer: OwnedCustomer): Date {
  return plusDays(customer.since, customer.rule.recycleAfterDays)
}

/** From when the owner is warned. */
export function warnsFrom(customer: OwnedCustomer): Date {
  return plusDays(customer.since, customer.rule.recycleAfterDays - customer.rule.warnDaysBefore)
}

/** When the customer returns to the pool, seen at `now`, unless followed up or closed before. */
export function returnsAt(customer: OwnedCustomer, now: Date): Date {
  const due = dueAt(customer)
  const { warnDaysBefore } = customer.rule
  if (warnDaysBefore === 0) return due
  const warned = plusDays(customer.warnedAt ?? now, warnDaysBefore)
  return new Date(Math.max(warned.getTime(), due.getTime()))
}

/** What the job does with the customer at `now`: warn its owner, return it to the pool, or nothing. */
export function poolStep(customer: OwnedCustomer, now: Date): 'warn' | 'recycle' | null {
  if (customer.rule.warnDaysBefore > 0 && customer.warnedAt === null) {
    return now >= warnsFrom(customer) ? 'warn' : null
  }
  return now >= returnsAt(customer, now) ? 'recycle' : null
}

/** Whole days from `from` to `to`, rounded up (a customer returning in 36 hours has 2 days left). */
export function daysUntil(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / DAY))
}

/** Whole days from `from` to `to`, rounded down (in the pool since yesterday morning: 1 day). */
export function daysSince(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY))
}
