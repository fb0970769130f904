import { z } from 'zod'
import { createCustomerSchema } from './customers.schemas.js'

/*
 * What the entry review (CUS-4), the duplicate check and attribution
 * (CUS-5) routes accept and answer.
 */

const individual = createCustomerSchema.options[0].shape
const organization = createCustomerSchema.options[1].shape

/** The identifiers of a record being entered; `customerId` leaves the record itself out (a draft being corrected). */
export const duplicateCheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('individual'),
    customerId: z.uuid().optional(),
    // For likely duplicates (DQ-1): compared by similarity, never looked up as they are.
    name: individual.name.optional(),
    phone: individual.phone,
    address: individual.address,
    employer: individual.employer,
    idType: individual.idType,
    idNumber: individual.idNumber,
    mobile: individual.mobile,
    email: individual.email,
    bankAccounts: individual.bankAccounts,
    bankCards: individual.bankCards,
    confirm: individual.confirm,
  }),
  z.strictObject({
    kind: z.literal('organization'),
    customerId: z.uuid().optional(),
    name: organization.name.optional(),
    address: organization.address,
    creditCode: organization.creditCode,
    contacts: organization.contacts,
    confirm: organization.confirm,
  }),
])
export type DuplicateCheckInput = z.infer<typeof duplicateCheckSchema>

const person = z.object({ id: z.uuid(), name: z.string() })

export const registrationSchema = z.object({
  registeredBy: person,
  registeredAt: z.string().describe('ISO 8601'),
  validUntil: z.string().describe('ISO 8601: 建档有效期 ends'),
  valid: z.boolean(),
})

export const duplicateMatchSchema = z.discriminatedUnion('inScope', [
  z.object({
    inScope: z.literal(true),
    customerId: z.uuid(),
    name: z.string().describe('Masked'),
    status: z.string(),
    fields: z.array(z.string()).describe('The identifiers that matched'),
    registration: registrationSchema.nullable(),
  }),
  z.object({
    inScope: z.literal(false),
    fields: z.array(z.string()),
    registration: registrationSchema
      .nullable()
      .describe('Who registered it and until when: all that is told of a record beyond scope'),
  }),
])
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>

/** A customer of the caller's scope that is likely the one being entered (DQ-1). */
export const likelyDuplicateSchema = z.object({
  customerId: z.uuid(),
  name: z.string().describe('Masked'),
  score: z.number().describe('In [0, 1]; shown from the threshold (0.9) on'),
  reasons: z
    .array(
      z.object({
        field: z.string(),
        key: z.string().describe('What agreed and how, e.g. name.pinyin, mobile.same'),
        weight: z.number().describe('Bits of evidence: negative against'),
      }),
    )
    .describe('Strongest first; never a value'),
})

export const duplicateAnswerSchema = z.object({
  matches: z.array(duplicateMatchSchema).describe('Records sharing an identifier'),
  likely: z
    .array(likelyDuplicateSchema)
    .describe('Records of the caller’s scope likely the same by similarity, best first'),
})
export type DuplicateAnswer = z.infer<typeof duplicateAnswerSchema>

export const rejectBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) })

/** Why a customer changes hands (docs/attribution.md): codes, never free text. */
export const TRANSFER_REASONS = [
  'first_visit_dispute',
  'staff_left',
  'rebalance',
  'customer_complaint',
] as const

export const transferBodySchema = z.strictObject({
  toOwnerId: z.uuid(),
  reason: z.enum(TRANSFER_REASONS),
})

export const bulkTransferBodySchema = z.strictObject({
  fromOwnerId: z.uuid(),
  toOwnerId: z.uuid(),
  reason: z.enum(TRANSFER_REASONS),
})

/** 以客户意愿为主: the customer asks to be served by `toOwnerId`. */
export const wishBodySchema = z.strictObject({ toOwnerId: z.uuid() })

export const ownerChangeSchema = z.object({
  /** Null for a pick from the pool. */
  from: person.nullable(),
  to: person.nullable(),
  kind: z.enum(['transfer', 'wish', 'recycled', 'picked']),
  reason: z.string(),
  changedBy: person.nullable(),
  changedAt: z.date(),
})

export const attributionSchema = z.object({
  owner: person.nullable(),
  registration: registrationSchema.nullable(),
  history: z.array(ownerChangeSchema),
  reviews: z.array(
    z.object({
      event: z.enum(['submitted', 'approved', 'rejected']),
      by: person,
      at: z.date(),
      reason: z.string().nullable().describe('A rejection’s reason, opened for this answer'),
    }),
  ),
})

export const reviewRuleSchema = z.object({
  departmentId: z.uuid().nullable(),
  source: z.string().nullable(),
  required: z.boolean(),
})

export type ReviewRule = z.infer<typeof reviewRuleSchema>

export const reviewRulesSchema = z.object({ rules: z.array(reviewRuleSchema) })

export const setReviewRuleSchema = z.strictObject({
  departmentId: z.uuid().nullable(),
  source: createCustomerSchema.options[0].shape.source.unwrap().nullable(),
  required: z.boolean(),
})
export type SetReviewRuleInput = z.infer<typeof setReviewRuleSchema>

export const setReviewRuleAnswerSchema = z.union([
  z.object({ status: z.literal('applied') }),
  z.object({ status: z.literal('pending_approval'), approvalId: z.uuid() }),
])

export const transferResultSchema = z.object({ moved: z.number().int() })

export const attributionSettingsSchema = z.strictObject({
  registrationValidityDays: z.number().int().min(1).max(3650),
  renewOnFollowUp: z.boolean(),
  renewOnDeal: z.boolean(),
  rejectedDraftDays: z.number().int().min(1).max(3650),
})
export type AttributionSettingsInput = z.infer<typeof attributionSettingsSchema>
