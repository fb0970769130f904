import { z } from 'zod'

/** Why a follow-up is planned (跟踪 / 回访): a code, never free text (docs/follow-ups.md). */
export const PURPOSES = [
  'tracking',
  'return_visit',
  'deal_progress',
  'after_sale',
  'other',
] as const

/** How a follow-up went: a code; anything more goes in the sealed note. */
export const RESULTS = [
  'reached',
  'no_answer',
  'interested',
  'not_interested',
  'closed',
  'other',
] as const

export const followUpParams = z.object({ id: z.uuid() })

export const createFollowUpSchema = z.strictObject({
  customerId: z.uuid(),
  /** Who does it: an active member of the customer's department; the caller unless told. */
  assigneeId: z.uuid().optional(),
  dueAt: z.iso.datetime({ offset: true }),
  purpose: z.enum(PURPOSES),
  /** Whether the next one is planned when this one is done (by the customer's tracking level); A and B unless told. */
  recurring: z.boolean().optional(),
})
export type CreateFollowUpInput = z.infer<typeof createFollowUpSchema>

export const completeFollowUpSchema = z.strictObject({
  result: z.enum(RESULTS),
  /** Anything more about how it went: sealed under the customer's key. */
  note: z.string().trim().min(1).max(1000).optional(),
})
export type CompleteFollowUpInput = z.infer<typeof completeFollowUpSchema>

export const followUpsQuerySchema = z.strictObject({
  /** `me`: only the caller's own. */
  assignee: z.enum(['me']).optional(),
  /** `today`: open and due on the company's calendar day; `overdue`: open and due before it. */
  due: z.enum(['today', 'overdue']).optional(),
  customerId: z.uuid().optional(),
  status: z.enum(['open', 'done']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type FollowUpsQuery = z.infer<typeof followUpsQuerySchema>

const person = z.object({ id: z.string(), name: z.string() })

export const followUpSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  /** The customer's name masked by its catalogue rule. */
  maskedName: z.string(),
  assignee: person,
  dueAt: z.date(),
  purpose: z.enum(PURPOSES),
  recurring: z.boolean(),
  status: z.enum(['open', 'done']),
  /** Open and past its due time. */
  overdue: z.boolean(),
  result: z.enum(RESULTS).nullable(),
  /** The result note, opened for a caller in the customer's scope. */
  note: z.string().nullable(),
  completedAt: z.date().nullable(),
  completedBy: person.nullable(),
  /** The next follow-up of a recurring plan, planned when this one was done. */
  next: z.object({ id: z.string(), dueAt: z.date() }).nullable(),
  createdAt: z.date(),
})

export const followUpsPageSchema = z.object({
  items: z.array(followUpSchema),
  total: z.number().int(),
  /** The company's calendar day `due=today` means. */
  day: z.string(),
})

export const followUpSettingsInputSchema = z.strictObject({
  levelAEveryDays: z.number().int().min(1).max(365),
  levelBEveryDays: z.number().int().min(1).max(365),
  remindBeforeMinutes: z.number().int().min(0).max(10080),
  escalateAfterHours: z.number().int().min(1).max(720),
})
export type FollowUpSettingsInput = z.infer<typeof followUpSettingsInputSchema>

export const followUpSettingsSchema = followUpSettingsInputSchema.extend({
  changedAt: z.date(),
  changedBy: person.nullable(),
})
