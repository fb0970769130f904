import { z } from 'zod'

/** The kinds a tracking form's field may take (docs/tracking.md). */
export const FIELD_KINDS = ['text', 'choice', 'amount', 'date'] as const

const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/)
  .describe('lower-case letters, digits and _, starting with a letter')
const label = z.string().trim().min(1).max(40)

export const trackingFieldSchema = z.strictObject({
  code,
  kind: z.enum(FIELD_KINDS),
  labelZh: label,
  labelEn: label,
  /** The choices of a `choice` field; empty for the other kinds. */
  options: z.array(z.strictObject({ code, labelZh: label, labelEn: label })).max(20),
})

export const trackingSettingsInputSchema = z.strictObject({
  fields: z.array(trackingFieldSchema).min(1).max(20),
  levelAStaleDays: z.number().int().min(1).max(365),
  levelBStaleDays: z.number().int().min(1).max(365),
})
export type TrackingSettingsInput = z.infer<typeof trackingSettingsInputSchema>

const person = z.object({ id: z.string(), name: z.string() })

export const trackingSettingsSchema = trackingSettingsInputSchema.extend({
  changedAt: z.date(),
  changedBy: person.nullable(),
})

/** One field's value: text, a choice's code, an amount in yuan, a date (YYYY-MM-DD); null clears it. */
const fieldValue = z.union([z.string().trim().min(1).max(500), z.number(), z.null()])

export const updateTrackingFormSchema = z.strictObject({
  /** Only the fields that change; a field left out keeps its value, null clears it. */
  values: z.record(code, fieldValue),
})
export type UpdateTrackingFormInput = z.infer<typeof updateTrackingFormSchema>

export const checkTrackingFormSchema = z.strictObject({
  comment: z.string().trim().min(1).max(1000),
})

export const revealTrackingFormSchema = z.strictObject({
  purpose: z.string().min(1).max(64),
})

const check = z.object({
  id: z.string(),
  version: z.number().int().nullable(),
  checkedAt: z.date(),
  checkedBy: person,
  /** Masked (`***`) unless revealed. */
  comment: z.string(),
})

export const trackingFormSchema = z.object({
  customerId: z.string(),
  maskedName: z.string(),
  trackingLevel: z.enum(['A', 'B', 'C']).nullable(),
  /** Whether the customer carries a form (tracking level A or B). */
  applies: z.boolean(),
  fields: z.array(trackingFieldSchema),
  /** The latest version: its number, when and by whom; null before the first. */
  current: z
    .object({ version: z.number().int(), updatedAt: z.date(), updatedBy: person })
    .nullable(),
  /** Each field's value, masked (`***`) while not revealed; a field never filled is absent. */
  values: z.record(z.string(), z.string()),
  masked: z.boolean(),
  /** Not updated within the level's period (docs/tracking.md). */
  stale: z.boolean(),
  /** When it became (or becomes) stale without an update; null when the customer carries no form. */
  staleAt: z.date().nullable(),
  history: z.array(
    z.object({
      version: z.number().int(),
      updatedAt: z.date(),
      updatedBy: person,
      /** The codes of the fields this version changed. */
      changed: z.array(z.string()),
    }),
  ),
  checks: z.array(check),
})

export const revealedTrackingFormSchema = z.object({
  customerId: z.string(),
  values: z.record(z.string(), z.string()),
  /** Each check's comment by check id. */
  comments: z.record(z.string(), z.string()),
  purpose: z.string(),
  displaySeconds: z.number().int(),
})

export const trackingFormsQuerySchema = z.strictObject({
  /** `true`: only forms not updated within their period. */
  stale: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type TrackingFormsQuery = z.infer<typeof trackingFormsQuerySchema>

export const trackingFormsPageSchema = z.object({
  items: z.array(
    z.object({
      customerId: z.string(),
      maskedName: z.string(),
      trackingLevel: z.enum(['A', 'B']),
      owner: person.nullable(),
      version: z.number().int().nullable(),
      updatedAt: z.date().nullable(),
      lastCheckedAt: z.date().nullable(),
      stale: z.boolean(),
      staleAt: z.date(),
    }),
  ),
  total: z.number().int(),
})

// ---------------------------------------------------------------- daily reports

export const dailyReportParams = z.object({ id: z.uuid() })

const counts = z.object({
  newCustomers: z.number().int(),
  interactions: z.number().int(),
  followUpsDone: z.number().int(),
  dealsSigned: z.number().int(),
})

export const submitDailyReportSchema = z.strictObject({
  /** Problems met and suggestions (晚会): sealed; may name customers by their masked name. */
  text: z.string().trim().min(1).max(4000).optional(),
})
export type SubmitDailyReportInput = z.infer<typeof submitDailyReportSchema>

export const reviewDailyReportSchema = z.strictObject({
  comment: z.string().trim().min(1).max(1000).optional(),
})
export type ReviewDailyReportInput = z.infer<typeof reviewDailyReportSchema>

export const dailyReportSchema = z.object({
  id: z.string(),
  author: person,
  day: z.string(),
  counts,
  text: z.string().nullable(),
  submittedAt: z.date(),
  amendedAt: z.date().nullable(),
  reviewedAt: z.date().nullable(),
  reviewedBy: person.nullable(),
  comment: z.string().nullable(),
})

export const dailyReportTodaySchema = z.object({
  /** The company's calendar day. */
  day: z.string(),
  /** The day's counts so far, from the records. */
  counts,
  /** The caller's report of the day, once submitted. */
  report: dailyReportSchema.nullable(),
})

export const dailyReportsQuerySchema = z.strictObject({
  /** `mine`: the caller's own; `department`: the department's (supervisors). */
  of: z.enum(['mine', 'department']).default('mine'),
  day: z.iso.date().optional(),
  status: z.enum(['pending', 'reviewed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type DailyReportsQuery = z.infer<typeof dailyReportsQuerySchema>

export const dailyReportsPageSchema = z.object({
  items: z.array(dailyReportSchema),
  total: z.number().int(),
})
