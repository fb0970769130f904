import { z } from 'zod'
import { CREDIT_RULES } from './credit-split.js'

/** A stage or reason code as the company configures them (deal_stages, deal_reasons). */
const code = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)

/** Yuan with at most two decimals, as text or a number; answered as text ("1280000.00"). */
const amount = z.union([
  z.string().regex(/^\d{1,12}(\.\d{1,2})?$/),
  z.number().nonnegative().max(999_999_999_999.99).multipleOf(0.01),
])

const product = z.string().trim().min(1).max(200)

/** A new deal (成交) of a customer in the caller's scope; the closer is the caller unless named. */
export const createDealSchema = z.strictObject({
  customerId: z.uuid(),
  stage: code,
  amount: amount.optional(),
  product: product.optional(),
  closerId: z.uuid().optional(),
  /** Required when the stage ends the deal (未成交, 退订): a code of deal_reasons. */
  reason: code.optional(),
})
export type CreateDealInput = z.infer<typeof createDealSchema>

/** What changes on a deal; `null` clears the amount or the product. */
export const updateDealSchema = z.strictObject({
  stage: code.optional(),
  amount: amount.nullable().optional(),
  product: product.nullable().optional(),
  closerId: z.uuid().optional(),
  reason: code.optional(),
})
export type UpdateDealInput = z.infer<typeof updateDealSchema>

export const dealIdParams = z.object({ id: z.uuid() })

export const listDealsQuerySchema = z.strictObject({
  stage: code.optional(),
  customerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})
export type ListDealsQuery = z.infer<typeof listDealsQuerySchema>

const person = z.object({ id: z.string(), name: z.string() })

export const creditShareSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  share: z.number(),
  rule: z.enum(CREDIT_RULES),
  role: z.enum(['closer', 'registrant']),
})

export const dealSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  /** The customer's name as masking shows it (张*), to tell deals apart on a board. */
  customerName: z.string().nullable(),
  stage: z.string(),
  /** Null when there is none, or when the caller's clearance does not reach level 2 (`amountHidden`). */
  amount: z.string().nullable(),
  amountHidden: z.boolean(),
  product: z.string().nullable(),
  closer: person,
  reason: z.string().nullable(),
  createdBy: person,
  createdAt: z.date(),
  updatedAt: z.date(),
  signedAt: z.date().nullable(),
  /** Who the credit goes to: fixed from signing on, a preview before; the shares add up to 1. */
  credit: z.array(creditShareSchema),
  split: z.object({
    rule: z.enum(CREDIT_RULES),
    fixed: z.boolean(),
    fixedAt: z.date().nullable(),
    /** The company's calendar day the split was worked out for (the same-day rule reads it). */
    day: z.string(),
    registration: z
      .object({
        id: z.string(),
        registrant: person,
        registeredAt: z.date(),
        validUntil: z.date(),
      })
      .nullable(),
    ownerChangeId: z.string().nullable(),
    visitId: z.string().nullable(),
  }),
  history: z.array(
    z.object({
      stage: z.string(),
      from: z.string().nullable(),
      at: z.date(),
      by: person,
      reason: z.string().nullable(),
    }),
  ),
})

export const dealListSchema = z.object({ items: z.array(dealSchema) })

const label = { code: z.string(), labelZh: z.string(), labelEn: z.string() }

export const dealSettingsSchema = z.object({
  stages: z.array(
    z.object({ ...label, kind: z.enum(['open', 'signed', 'paid', 'lost', 'cancelled']) }),
  ),
  reasons: z.object({
    lost: z.array(z.object(label)),
    cancelled: z.array(z.object(label)),
  }),
  /** Who in the caller's department may be named as the closer. */
  closers: z.array(person),
  shares: z.object({
    registrationValid: z.object({ closer: z.number(), registrant: z.number() }),
    sameDay: z.object({ closer: z.number(), registrant: z.number() }),
  }),
})
