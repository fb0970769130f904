import { z } from 'zod'

const part = (max: number) => z.string().trim().min(1).max(max)

/** CON-1: what a notice must state, in one language. */
export const noticeSectionSchema = z.strictObject({
  title: part(120),
  purposes: part(4000),
  scope: part(4000),
  method: part(4000),
  retention: part(4000),
  recipients: part(4000),
})

export const publishNoticeSchema = z.strictObject({
  /** The purposes the notice covers (purpose codes). */
  purposes: z.array(z.string().min(1).max(40)).min(1).max(50),
  content: z.strictObject({ 'zh-CN': noticeSectionSchema, en: noticeSectionSchema }),
})
export type PublishNoticeInput = z.infer<typeof publishNoticeSchema>

export const noticeSchema = z.object({
  version: z.number().int(),
  purposes: z.array(z.string()),
  content: z.object({ 'zh-CN': noticeSectionSchema, en: noticeSectionSchema }),
  publishedBy: z.object({ id: z.string(), name: z.string() }),
  publishedAt: z.date(),
})

export const noticeVersionParams = z.object({ version: z.coerce.number().int().min(1) })
