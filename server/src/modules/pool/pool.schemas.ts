import { z } from 'zod'
import { GRADES } from '../customers/index.js'

export const poolCustomerParams = z.object({ customerId: z.uuid() })

export const poolQuerySchema = z.strictObject({
  /** Another department's pool: only for a caller whose scope is every department. */
  departmentId: z.uuid().optional(),
  grade: z.enum(GRADES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type PoolQuery = z.infer<typeof poolQuerySchema>

const person = z.object({ id: z.string(), name: z.string() })

/** How many the caller may still pick today, and how many they own against the cap. */
export const quotaSchema = z.object({
  day: z.string(),
  dailyLimit: z.number().int(),
  pickedToday: z.number().int(),
  remainingToday: z.number().int(),
  owned: z.number().int(),
  ownerCap: z.number().int(),
  coolOffDays: z.number().int(),
})

/** A customer in the pool, as anyone who may browse the pool sees it: masked, never a plain personal value. */
export const poolCustomerSchema = z.object({
  customerId: z.string(),
  /** The name masked by its catalogue rule (张*, 某某**公司); empty when it cannot be opened. */
  maskedName: z.string(),
  kind: z.enum(['individual', 'organization']),
  grade: z.enum(GRADES).nullable(),
  source: z.string().nullable(),
  departmentId: z.string().nullable(),
  inPoolSince: z.date(),
  daysInPool: z.number().int(),
  /** Who owned it until it returned to the pool (none: it never had an owner). */
  formerOwner: person.nullable(),
  /** Until when the caller, a former owner, may not pick it (null: they may). */
  coolingOffUntil: z.date().nullable(),
})

export const poolPageSchema = z.object({
  items: z.array(poolCustomerSchema),
  total: z.number().int(),
  quota: quotaSchema,
})

/** One of the caller's customers about to return to the pool. */
export const returningCustomerSchema = z.object({
  customerId: z.string(),
  maskedName: z.string(),
  grade: z.enum(GRADES).nullable(),
  /** The latest follow-up, deal or registration: the pool's clock started there. */
  lastActivityAt: z.date(),
  /** When it returns to the pool unless followed up or closed before. */
  returnsAt: z.date(),
  daysLeft: z.number().int(),
  /** When the owner was warned (null: not yet; the daily job warns). */
  warnedAt: z.date().nullable(),
})

export const returningSchema = z.object({ items: z.array(returningCustomerSchema) })

export const pickedSchema = z.object({
  customerId: z.string(),
  owner: person,
  pickedAt: z.date(),
  quota: quotaSchema,
})

export const releasedSchema = z.object({ customerId: z.string(), releasedAt: z.date() })

const ruleSchema = z.strictObject({
  /** The grade it applies to; null: the default for every grade without a rule of its own. */
  grade: z.enum(GRADES).nullable(),
  recycleAfterDays: z.number().int().min(1).max(3650),
  warnDaysBefore: z.number().int().min(0).max(365),
})

export const poolSettingsInputSchema = z.strictObject({
  recyclingEnabled: z.boolean(),
  dailyPickLimit: z.number().int().min(0).max(1000),
  coolOffDays: z.number().int().min(0).max(3650),
  ownerCap: z.number().int().min(1).max(1_000_000),
  rules: z.array(ruleSchema).min(1).max(20),
})
export type PoolSettingsInput = z.infer<typeof poolSettingsInputSchema>

export const poolSettingsSchema = z.object({
  recyclingEnabled: z.boolean(),
  dailyPickLimit: z.number().int(),
  coolOffDays: z.number().int(),
  ownerCap: z.number().int(),
  rules: z.array(
    z.object({
      grade: z.enum(GRADES).nullable(),
      recycleAfterDays: z.number().int(),
      warnDaysBefore: z.number().int(),
    }),
  ),
  changedAt: z.date(),
  changedBy: person.nullable(),
})
