import { z } from 'zod'

/** A name in both of the console's languages; the console shows the one it speaks. */
const localNameSchema = z.object({ zh: z.string(), en: z.string() })

export const auditEventSchema = z.object({
  id: z.number().int(),
  /** Position in the sealed trail; null until the sealer has taken the event. */
  seq: z.number().int().nullable(),
  occurredAt: z.iso.datetime(),
  actor: z.object({
    type: z.enum(['account', 'token', 'system', 'anonymous']),
    id: z.string().nullable(),
    /** The username (or token name, or system actor) at the time of the event. */
    name: z.string().nullable(),
    /** The account's display name as it is now (a token's: its account's); null for others. */
    displayName: z.string().nullable(),
  }),
  action: z.string(),
  target: z
    .object({
      type: z.string(),
      id: z.string(),
      /** A customer's masked name, an account's display name, a department's, purpose's or field's name; null when unknown. */
      name: localNameSchema.nullable(),
    })
    .nullable(),
  fields: z.array(z.string()),
  /** Each field's catalogue label, in the order of `fields`; null where it is not a catalogue field. */
  fieldNames: z.array(localNameSchema.nullable()),
  purpose: z.string().nullable(),
  purposeName: localNameSchema.nullable(),
  outcome: z.enum(['allowed', 'denied']),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
})
export type AuditEventView = z.infer<typeof auditEventSchema>

export const auditQuerySchema = z.strictObject({
  customerId: z.string().min(1).max(64).optional(),
  /** Account id or username of whoever acted. */
  actor: z.string().min(1).max(64).optional(),
  /** An action code, or a prefix ending in `.*` (e.g. `auth.*`). */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/)
    .optional(),
  outcome: z.enum(['allowed', 'denied']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const auditPageQuerySchema = auditQuerySchema.extend({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

export const exportQuerySchema = auditQuerySchema.extend({
  format: z.enum(['csv', 'json']).default('csv'),
  /** The language of the names beside the codes; Accept-Language when absent (a download link sends the browser's). */
  language: z.enum(['zh-CN', 'en']).optional(),
})

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  firstPosition: z.number().int(),
  pending: z.number().int(),
  lastCheckpoint: z
    .object({ size: z.number().int(), signedAt: z.iso.datetime(), keyId: z.string() })
    .nullable(),
  firstBadPosition: z.number().int().optional(),
  problem: z.string().optional(),
  witnessLine: z.number().int().optional(),
})
