import { z } from 'zod'
import { GRADES } from '../customers/index.js'
import { FOLLOW_UP_PURPOSES } from '../follow-ups/index.js'
import { mondayOf } from './iso-week.js'

/** How a record was re-confirmed with the customer (DQ-2). */
export const CONFIRMATION_METHODS = ['phone', 'visit', 'email', 'message', 'portal'] as const

/** An ISO week, `2026-W49`, that the year has. */
const isoWeek = z
  .string()
  .regex(/^\d{4}-W\d{2}$/)
  .refine((week) => mondayOf(week) !== null)

export const weekQuerySchema = z.strictObject({
  /** The ISO week reviewed; this week (company calendar) unless told. */
  week: isoWeek.optional(),
  grade: z.enum(GRADES),
  /** The department reviewed; the caller's own unless told (a caller who sees every department). */
  departmentId: z.uuid().optional(),
})
export type WeekQuery = z.infer<typeof weekQuerySchema>

export const planItemSchema = z.strictObject({
  customerId: z.uuid(),
  /** Who does it: an active member of the department; the customer's owner (else the reviewer) unless told. */
  assigneeId: z.uuid().optional(),
  /** A calendar day of the week after the reviewed one; due at its end. */
  dueOn: z.iso.date(),
  purpose: z.enum(FOLLOW_UP_PURPOSES),
  /** What to do or ask: may name the customer, so sealed under the customer's key. */
  note: z.string().trim().min(1).max(500).optional(),
})
export type PlanItemInput = z.infer<typeof planItemSchema>

export const recordReviewSchema = z.strictObject({
  week: isoWeek,
  grade: z.enum(GRADES),
  departmentId: z.uuid().optional(),
  items: z.array(planItemSchema).max(200),
})
export type RecordReviewInput = z.infer<typeof recordReviewSchema>

export const addItemsSchema = z.strictObject({ items: z.array(planItemSchema).min(1).max(200) })
export type AddItemsInput = z.infer<typeof addItemsSchema>

export const reviewParams = z.object({ id: z.uuid() })

const person = z.object({ id: z.string(), name: z.string() })
const customerRef = { customerId: z.string(), maskedName: z.string() }

export const weekSchema = z.object({
  week: z.string(),
  grade: z.enum(GRADES),
  departmentId: z.string().nullable(),
  /** The first and last calendar day of the week. */
  monday: z.string(),
  sunday: z.string(),
  /** The instant the stale and re-confirmation flags are read at: the week's end, or now. */
  asOf: z.date(),
  staleDays: z.number().int(),
  reconfirmDays: z.number().int(),
  newCustomers: z.array(z.object({ ...customerRef, createdAt: z.date() })),
  changedCustomers: z.array(z.object({ ...customerRef, updatedAt: z.date() })),
  staleRecords: z.array(
    z.object({ ...customerRef, updatedAt: z.date(), lastConfirmedAt: z.date().nullable() }),
  ),
  dueForReconfirmation: z.array(
    z.object({ ...customerRef, createdAt: z.date(), lastConfirmedAt: z.date().nullable() }),
  ),
  missedFollowUps: z.array(
    z.object({
      ...customerRef,
      followUpId: z.string(),
      dueAt: z.date(),
      assignee: person,
      /** `open`: still not done; `late`: done more than a day after its due time. */
      missed: z.enum(['open', 'late']),
      completedAt: z.date().nullable(),
    }),
  ),
  /** The week's recorded review, if any. */
  review: z
    .object({
      id: z.string(),
      recordedAt: z.date(),
      recordedBy: person,
      items: z.array(
        z.object({
          ...customerRef,
          followUpId: z.string(),
          dueAt: z.date(),
          purpose: z.enum(FOLLOW_UP_PURPOSES),
          assignee: person,
          status: z.enum(['open', 'done']),
          /** The note, opened for a caller in the customer's scope. */
          note: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
})

export const settingsInputSchema = z.strictObject({
  staleDays: z.number().int().min(1).max(3650),
  reconfirmDays: z.number().int().min(1).max(3650),
})
export type ReviewSettingsInput = z.infer<typeof settingsInputSchema>

export const settingsSchema = settingsInputSchema.extend({
  changedAt: z.date(),
  changedBy: person.nullable(),
})

export const confirmSchema = z.strictObject({
  /** The catalogue's field names confirmed with the customer (never their values). */
  fields: z.array(z.string().min(1).max(64)).min(1).max(64),
  method: z.enum(CONFIRMATION_METHODS),
  /** When it was confirmed with the customer; now unless told, never in the future. */
  confirmedAt: z.iso.datetime({ offset: true }).optional(),
})
export type ConfirmInput = z.infer<typeof confirmSchema>

export const confirmationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  fields: z.array(z.string()),
  method: z.enum(CONFIRMATION_METHODS),
  confirmedAt: z.date(),
  confirmedBy: person,
})

export const customerConfirmationsSchema = z.object({
  items: z.array(confirmationSchema),
  /** The last confirmation, or the record's entry when never confirmed. */
  lastConfirmedAt: z.date().nullable(),
  /** Not confirmed within the re-confirmation period (DQ-2). */
  due: z.boolean(),
  /** When it falls due (or fell due). */
  dueAt: z.date(),
  reconfirmDays: z.number().int(),
})

export const dueQuerySchema = z.strictObject({
  grade: z.enum(GRADES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export type DueQuery = z.infer<typeof dueQuerySchema>

export const duePageSchema = z.object({
  items: z.array(
    z.object({
      ...customerRef,
      grade: z.enum(GRADES).nullable(),
      createdAt: z.date(),
      lastConfirmedAt: z.date().nullable(),
      dueAt: z.date(),
    }),
  ),
  total: z.number().int(),
  reconfirmDays: z.number().int(),
})
