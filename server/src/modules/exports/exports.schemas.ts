import { z } from 'zod'
import { listCustomersQuery } from '../customers/index.js'

/** The customer list's own filter: everything GET /customers takes but the page (DQ-3). */
export const exportFilterSchema = listCustomersQuery.omit({ cursor: true, limit: true })

export const createExportSchema = z.strictObject({
  filter: exportFilterSchema.default({}),
  /** Catalogue field keys, in the order of the file's columns. */
  fields: z.array(z.string().trim().min(1).max(64)).min(1).max(60),
  format: z.enum(['csv', 'xlsx']),
  /** Masked by default (CLS-4); plain values need a purpose and a second person's approval (ACC-5). */
  mode: z.enum(['masked', 'plain']).default('masked'),
  purpose: z.string().trim().min(1).max(64).optional(),
})
export type CreateExport = z.infer<typeof createExportSchema>

export const exportIdParams = z.strictObject({ id: z.uuid() })

export const fileQuerySchema = z.strictObject({
  /** The language of the file's headings; the browser's Accept-Language when not given. */
  language: z.enum(['zh-CN', 'en']).optional(),
})

export const approveBodySchema = z
  .strictObject({ note: z.string().trim().max(1000).optional() })
  .nullish()

export const exportViewSchema = z.object({
  id: z.uuid(),
  format: z.enum(['csv', 'xlsx']),
  mode: z.enum(['masked', 'plain']),
  fields: z.array(z.string()),
  /** The filter's plain attributes and which searches it makes (never a term searched for). */
  filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  purpose: z.string().nullable(),
  rowCount: z.number().int(),
  /** `awaiting_approval` until a second person approves a plain export; `rejected` if they refused it. */
  state: z.enum(['awaiting_approval', 'ready', 'expired', 'rejected']),
  approvalId: z.uuid().nullable(),
  requestedBy: z.object({ id: z.uuid(), username: z.string() }),
  requestedAt: z.iso.datetime(),
  readyAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  downloads: z.number().int(),
})
export type ExportView = z.infer<typeof exportViewSchema>
