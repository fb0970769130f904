import { z } from 'zod'
import { AUDIT_ACTION_NAMES, AUDIT_REASON_CODES, type AuditAction } from '../audit-actions.js'

/**
 * AUD-3 alert rules. Their parameters are data (alert_rules), validated
 * against these schemas whenever they are read or changed: the actions a
 * rule watches, and the reason it matches, must be in the audit vocabulary
 * (audit-actions.ts), so a misspelt name cannot leave a rule silently blind.
 */
const actions = z.array(z.enum(AUDIT_ACTION_NAMES)).min(1)

/** A prefix of at least one catalogued reason. */
const reasonPrefix = z
  .string()
  .min(1)
  .refine((prefix) => AUDIT_REASON_CODES.some((reason) => reason.startsWith(prefix)))

export const RULE_PARAMS = {
  /** More than `threshold` reveals or exports by one account within the window. */
  bulk_access: z.strictObject({
    threshold: z.number().int().min(1),
    windowMinutes: z.number().int().min(1),
    actions,
  }),
  /** Access outside working hours (local time of `timeZone`). */
  off_hours: z.strictObject({
    timeZone: z.string().min(1),
    workdays: z.array(z.number().int().min(0).max(6)),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
    actions,
  }),
  /** `threshold` or more refusals for one account or one source address within the window. */
  repeated_denials: z.strictObject({
    threshold: z.number().int().min(2),
    windowMinutes: z.number().int().min(1),
  }),
  /** Any attempt to reach records outside the account's scope. */
  out_of_scope: z.strictObject({ reasonPrefix }),
  /** A customer request not answered by its due date (DSR-1). */
  request_overdue: z.strictObject({}),
  /**
   * An administrator reset the password or two-factor of an account that reads
   * customer data or the audit trail, or authorises access (ACC-4): who holds
   * the one-time password could take the account over.
   */
  credential_reset: z.strictObject({ actions }),
} as const

/** Actions a rule watches by its definition rather than by its parameters. */
export const RULE_FIXED_ACTIONS = {
  request_overdue: ['request.overdue'],
} as const satisfies { [C in keyof typeof RULE_PARAMS]?: readonly AuditAction[] }

/** Whether an event's stored action is one of the actions a rule watches. */
export function watches(actions: readonly AuditAction[], action: string): boolean {
  return (actions as readonly string[]).includes(action)
}

export type RuleCode = keyof typeof RULE_PARAMS
export type RuleParams<C extends RuleCode> = z.infer<(typeof RULE_PARAMS)[C]>
export const RULE_CODES = Object.keys(RULE_PARAMS) as RuleCode[]

export function isRuleCode(code: string): code is RuleCode {
  return code in RULE_PARAMS
}

/** Local weekday (0 = Sunday) and hour of an instant in a time zone. */
export function localWeekdayAndHour(at: Date, timeZone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at)
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(
    parts.find((p) => p.type === 'weekday')?.value ?? '',
  )
  return { weekday, hour: Number(parts.find((p) => p.type === 'hour')?.value ?? 0) }
}

export function isOutsideWorkingHours(at: Date, params: RuleParams<'off_hours'>): boolean {
  const { weekday, hour } = localWeekdayAndHour(at, params.timeZone)
  return !params.workdays.includes(weekday) || hour < params.startHour || hour >= params.endHour
}
