import { z } from 'zod'

/** What the retention API accepts and answers (RET-1); the routes and the OpenAPI document use these. */
const basis = z.enum(['legal', 'business', 'consented', 'lead'])
const appliesTo = z.enum(['all', 'leads'])
const measuredFrom = z.enum(['created', 'updated', 'consent_withdrawn'])
const periodDays = z.number().int().min(1).max(36_500)
export const reviewStatusSchema = z.enum(['open', 'kept', 'destruction_requested'])

export const policySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  basis,
  appliesTo,
  measuredFrom,
  purpose: z.string().nullable(),
  periodDays: z.number().int(),
  active: z.boolean(),
})
export type PolicyView = z.infer<typeof policySchema>

export const newPolicySchema = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    nameZh: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().min(1).max(60),
    basis,
    appliesTo,
    measuredFrom,
    purpose: z.string().max(40).nullable().default(null),
    periodDays,
  })
  // A period counted from a consent's withdrawal names that consent's purpose, and only then.
  .refine((p) => (p.measuredFrom === 'consent_withdrawn') === (p.purpose !== null), {
    path: ['purpose'],
    params: { fieldMessage: 'required' },
  })
export type NewPolicy = z.infer<typeof newPolicySchema>

export const policyChangeSchema = z.strictObject({
  periodDays: periodDays.optional(),
  active: z.boolean().optional(),
})
export type PolicyChange = z.infer<typeof policyChangeSchema>

export const reviewSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  policy: z.string(),
  expiredAt: z.date(),
  flaggedAt: z.date(),
  status: reviewStatusSchema,
  decidedAt: z.date().nullable(),
})
export type ReviewView = z.infer<typeof reviewSchema>
export type ReviewStatus = z.infer<typeof reviewStatusSchema>
