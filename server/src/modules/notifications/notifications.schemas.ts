import { z } from 'zod'

/** What a notification is about; the console words each kind in the reader's language. */
export const NOTIFICATION_KINDS = ['follow_up.due', 'follow_up.overdue'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const notificationParams = z.object({ id: z.uuid() })

export const notificationsQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>

/** One message of the caller's notification centre: masked parameters only, never a plain personal value. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** A path in the console to open. */
  link: z.string(),
  /** Masked text parameters (a customer's masked name, a due time, a colleague's name). */
  params: z.record(z.string(), z.string()),
  createdAt: z.date(),
  readAt: z.date().nullable(),
})

export const notificationsPageSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
})

export const addressInputSchema = z.strictObject({
  /** Where the caller receives notifications by e-mail; null: by e-mail no more. */
  email: z.email().max(254).nullable(),
})

export const addressSchema = z.object({
  email: z.string().nullable(),
  /** Whether the server sends e-mail at all (CUSTODIA_SMTP_URL). */
  mailEnabled: z.boolean(),
})
