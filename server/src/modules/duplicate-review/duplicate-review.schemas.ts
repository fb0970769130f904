import { z } from 'zod'

export const PAIR_STATUSES = ['open', 'dismissed', 'merged'] as const

export const pairParams = z.strictObject({ id: z.uuid() })

export const queueQuerySchema = z.strictObject({
  status: z.enum(PAIR_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type QueueQuery = z.infer<typeof queueQuerySchema>

const reasonSchema = z.object({
  field: z.string(),
  key: z.string().describe('What agreed and how, e.g. name.pinyin, mobile.same'),
  weight: z.number().describe('Bits of evidence: negative against'),
})

const pairedCustomerSchema = z.object({
  id: z.uuid(),
  /** Masked by the name field's rule (张*, 某某**公司). */
  name: z.string(),
  kind: z.enum(['individual', 'organization']),
})

/** Two customers a sweep found likely to be one person, as a reviewer sees them: masked. */
export const duplicatePairSchema = z.object({
  id: z.uuid(),
  customers: z.tuple([pairedCustomerSchema, pairedCustomerSchema]),
  score: z.number().describe('In [0, 1]; kept from the threshold (0.9) on'),
  reasons: z.array(reasonSchema).describe('Strongest first; never a value'),
  status: z.enum(PAIR_STATUSES),
  foundAt: z.date(),
  scoredAt: z.date(),
  decidedBy: z.string().nullable().describe('The display name of who decided'),
  decidedAt: z.date().nullable(),
})
export type DuplicatePair = z.infer<typeof duplicatePairSchema>

export const sweepSchema = z.object({
  at: z.date(),
  customers: z.number().int().describe('Customers compared'),
  candidatePairs: z.number().int().describe('Pairs sharing a blocking key'),
  opened: z.number().int().describe('Customers opened in memory to be scored'),
  likelyPairs: z.number().int().describe('Pairs at or above the threshold'),
})
export type Sweep = z.infer<typeof sweepSchema>

export const queueSchema = z.object({
  items: z.array(duplicatePairSchema),
  total: z.number().int(),
  lastSweep: sweepSchema.nullable(),
})

export const mergeParams = z.strictObject({ id: z.uuid() })

/** Which of the pair's two records survives, and which of the other's fields it takes. */
export const mergePairSchema = z.strictObject({
  survivor: z.uuid().describe('One of the pair’s two customers: the record that stays'),
  take: z
    .array(z.string().min(1).max(64))
    .max(64)
    .default([])
    .describe(
      'Fields whose value the survivor takes from the other record (its own kept otherwise)',
    ),
})
export type MergePairInput = z.infer<typeof mergePairSchema>

export const mergeSchema = z.object({
  mergeId: z.uuid(),
  survivorId: z.uuid(),
  mergedId: z.uuid().describe('Now a pointer to the survivor: reading it answers CUSTOMER_MERGED'),
  undoUntil: z.date().describe('Until then POST /merges/{id}/undo brings the other record back'),
})
export type Merge = z.infer<typeof mergeSchema>
