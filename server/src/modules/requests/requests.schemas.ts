import { z } from 'zod'

export const REQUEST_TYPES = [
  'access',
  'correct',
  'delete',
  'restrict',
  'withdraw',
  'portability',
] as const
export const REQUEST_STATUSES = [
  'received',
  'in_progress',
  'completed',
  'refused',
  'awaiting_destruction',
] as const
export const REQUEST_CHANNELS = [
  'counter',
  'phone',
  'email',
  'letter',
  'web',
  'api',
  'portal',
  'other',
] as const
export const IDENTITY_METHODS = [
  'id_document',
  'in_person',
  'phone_callback',
  'online_account',
  'other',
] as const

export const createRequestSchema = z.strictObject({
  customerId: z.uuid(),
  type: z.enum(REQUEST_TYPES),
  channel: z.enum(REQUEST_CHANNELS).default('counter'),
  /** What the customer asked, in their words (kept sealed). */
  details: z.string().trim().min(1).max(2000).optional(),
  /** For `withdraw`: the purposes whose consent is withdrawn. */
  purposes: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** When it arrived, if earlier than now (a letter opened today was received yesterday). */
  receivedAt: z.coerce.date().optional(),
})
export type CreateRequestInput = z.infer<typeof createRequestSchema>

export const listRequestsQuery = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  customerId: z.uuid().optional(),
  /** Only requests still to be answered. */
  open: z.enum(['true', 'false']).optional(),
})

export const requestIdParams = z.object({ id: z.uuid() })

export const assignSchema = z.strictObject({ assigneeId: z.uuid() })
export const verifyIdentitySchema = z.strictObject({
  method: z.enum(IDENTITY_METHODS),
  note: z.string().trim().min(1).max(500).optional(),
})
/** The reason is checked by the service, so that a missing and an empty one get the same message. */
export const refuseSchema = z.strictObject({ reason: z.string().max(2000).optional() })
/** For `correct`: the changes, as in PATCH /customers/{id}. */
export const fulfilSchema = z.strictObject({
  changes: z.record(z.string(), z.unknown()).optional(),
})

export const exportQuery = z.strictObject({
  format: z.enum(['json', 'html', 'csv']).default('json'),
  lang: z.enum(['zh-CN', 'en']).optional(),
})

export const URGENCIES = ['ok', 'due_soon', 'overdue', 'closed'] as const

export const requestViewSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  /** The customer's name masked (张*), as lists show customers; null once destroyed. */
  customerName: z.string().nullable(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  channel: z.string(),
  purposes: z.array(z.string()),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  identity: z
    .object({
      method: z.string(),
      verifiedAt: z.date(),
      verifiedBy: z.string(),
      /** The verifier's note, opened only in one request's view (null in lists). */
      note: z.string().nullable(),
    })
    .nullable(),
  receivedAt: z.date(),
  dueDay: z.string(),
  dueAt: z.date(),
  /** Working days left to answer after today, as the limit counts them (0 on the due day and once overdue; calendar/working-days.ts). */
  workingDaysLeft: z.number().int(),
  urgency: z.enum(URGENCIES),
  closedAt: z.date().nullable(),
  details: z.string().nullable(),
  refusalReason: z.string().nullable(),
  exportFormats: z.array(z.enum(['json', 'html', 'csv'])),
})

export const requestDetailSchema = requestViewSchema.extend({
  events: z.array(z.object({ action: z.string(), actor: z.string().nullable(), at: z.date() })),
})
