import { z } from 'zod'

/** The channels an interaction goes through (跟进方式). */
export const CHANNELS = [
  'visit',
  'phone',
  'message',
  'wechat',
  'meeting',
  'email',
  'other',
] as const
export const DIRECTIONS = ['inbound', 'outbound'] as const

/** An outcome code as the company configures them (interaction_outcomes). */
const code = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)

/** A new interaction with a customer in the caller's scope; the member of staff is the caller unless named. */
export const logInteractionSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  /** When it happened; now unless told, never in the future. */
  occurredAt: z.coerce.date().optional(),
  durationMinutes: z.number().int().min(0).max(1440).optional(),
  outcome: code.optional(),
  /** Free text, personal: sealed under the customer's key, answered masked. */
  note: z.string().trim().min(1).max(2000).optional(),
  nextStep: z.string().trim().min(1).max(500).optional(),
  staffId: z.uuid().optional(),
})
export type LogInteractionInput = z.infer<typeof logInteractionSchema>

export const interactionIdParams = z.object({ id: z.uuid() })

export const listInteractionsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(200),
})

export const revealInteractionSchema = z.strictObject({
  purpose: z.string().min(1).max(64),
})

const person = z.object({ id: z.string(), name: z.string() })

export const interactionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  occurredAt: z.date(),
  staff: person,
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  durationMinutes: z.number().nullable(),
  outcome: z.string().nullable(),
  /** Masked (`***`) unless revealed; null when there is none. */
  note: z.string().nullable(),
  nextStep: z.string().nullable(),
  /** Whether `note` and `nextStep` are masked (reveal them for a purpose). */
  masked: z.boolean(),
  origin: z.enum(['reception_visit', 'reception_call']).nullable(),
  createdAt: z.date(),
})

const label = { code: z.string(), labelZh: z.string(), labelEn: z.string() }

export const interactionListSchema = z.object({
  items: z.array(interactionSchema),
  /** The outcomes as the company configures them, to show a code's name. */
  outcomes: z.array(z.object(label)),
})

export const revealedInteractionSchema = z.object({
  id: z.string(),
  note: z.string().nullable(),
  nextStep: z.string().nullable(),
  purpose: z.string(),
  displaySeconds: z.number(),
})

/** One entry of a customer's timeline: what happened, when, as the caller may see it. */
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interaction'), at: z.date(), interaction: interactionSchema }),
  z.object({
    kind: z.literal('deal'),
    at: z.date(),
    deal: z.object({
      id: z.string(),
      stage: z.string(),
      stageName: z.object({ zh: z.string(), en: z.string() }),
      product: z.string().nullable(),
    }),
  }),
  z.object({
    kind: z.literal('consent'),
    at: z.date(),
    consent: z.object({ purpose: z.string(), granted: z.boolean() }),
  }),
  z.object({
    kind: z.literal('request'),
    at: z.date(),
    request: z.object({ id: z.string(), type: z.string(), status: z.string() }),
  }),
])

export const timelineSchema = z.object({
  entries: z.array(timelineEntrySchema),
  /** The kinds of entry the caller's permissions show (a deal needs deals.manage, a request requests.manage). */
  shown: z.array(z.enum(['interaction', 'deal', 'consent', 'request'])),
  outcomes: z.array(z.object(label)),
})
