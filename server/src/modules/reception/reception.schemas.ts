import { z } from 'zod'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const reason = z.string().trim().min(2).max(500)

/**
 * A visitor at the desk (来人登记). `walk_in`: whoever's turn it is receives
 * them; naming someone else as receiver needs a manager's override with a
 * reason. `named`: a first visitor asked for this salesperson. `returning`:
 * they come back to a colleague (by default the linked customer's owner).
 */
export const receiveVisitSchema = z.discriminatedUnion('visit', [
  z.strictObject({
    visit: z.literal('walk_in'),
    receiverId: z.uuid().optional(),
    overrideReason: reason.optional(),
    customerId: z.uuid().optional(),
  }),
  z.strictObject({
    visit: z.literal('named'),
    receiverId: z.uuid(),
    customerId: z.uuid().optional(),
  }),
  z.strictObject({
    visit: z.literal('returning'),
    receiverId: z.uuid().optional(),
    customerId: z.uuid().optional(),
  }),
])
export type ReceiveVisitInput = z.infer<typeof receiveVisitSchema>

/** How a visit ended, as the register and the daily statistics count it (来人来电统计表). */
export const VISIT_OUTCOMES = [
  'interested',
  'deposit',
  'signed',
  'not_interested',
  'other',
] as const

export const finishVisitSchema = z.strictObject({ outcome: z.enum(VISIT_OUTCOMES) })
export type FinishVisitInput = z.infer<typeof finishVisitSchema>

export const visitIdParams = z.object({ id: z.uuid() })

/** A walk-in entered as a customer: a name and, if given, a number (a lead). */
export const registerVisitorSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  mobile: z.string().max(30).optional(),
})
export type RegisterVisitorInput = z.infer<typeof registerVisitorSchema>

export const registeredVisitorSchema = z.object({ customerId: z.uuid(), status: z.string() })

export const registerQuerySchema = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})
export type RegisterQuery = z.infer<typeof registerQuerySchema>

const person = z.object({ id: z.string(), name: z.string() })

export const rotationSchema = z.object({
  day,
  departmentId: z.string(),
  members: z.array(
    z.object({
      account: person,
      position: z.number().int(),
      state: z.enum(['free', 'receiving', 'away']),
      owed: z.number().int(),
      checkedInAt: z.date(),
    }),
  ),
  next: person.nullable(),
  standby: person.nullable(),
})

export const visitSchema = z.object({
  id: z.string(),
  day,
  arrivedAt: z.date(),
  receivedBy: person,
  rule: z.enum(['turn', 'make_up', 'named', 'returning', 'override']),
  customerId: z.string().nullable(),
  passedOver: z.array(z.object({ account: person, why: z.enum(['away', 'busy']) })),
  overrideReason: z.string().nullable(),
  finishedAt: z.date().nullable(),
  outcome: z.enum(VISIT_OUTCOMES).nullable(),
})

export const visitRegisterSchema = z.object({ day, items: z.array(visitSchema) })

export const CALL_CHANNELS = ['phone', 'wechat', 'online', 'other'] as const
export const CALL_OUTCOMES = ['appointment', 'interested', 'not_interested', 'other'] as const

/** An inbound call (来电登记): taken by the caller of the route, now. */
export const logCallSchema = z.strictObject({
  channel: z.enum(CALL_CHANNELS),
  outcome: z.enum(CALL_OUTCOMES),
  customerId: z.uuid().optional(),
})
export type LogCallInput = z.infer<typeof logCallSchema>

export const callSchema = z.object({
  id: z.string(),
  day,
  receivedAt: z.date(),
  takenBy: person,
  channel: z.enum(CALL_CHANNELS),
  outcome: z.enum(CALL_OUTCOMES),
  customerId: z.string().nullable(),
})

export const callRegisterSchema = z.object({ day, items: z.array(callSchema) })
