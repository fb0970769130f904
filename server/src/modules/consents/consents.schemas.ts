import { z } from 'zod'

export const CONSENT_CHANNELS = [
  'counter',
  'paper',
  'web',
  'app',
  'phone',
  'email',
  'sms',
  'other',
] as const

export const recordConsentSchema = z.strictObject({
  purpose: z.string().min(1).max(40),
  granted: z.boolean(),
  channel: z.enum(CONSENT_CHANNELS),
  /** The notice version the customer was shown; a grant without one takes the latest. */
  noticeVersion: z.number().int().min(1).optional(),
  /** Who receives the information (required for `third_party` and `cross_border`). */
  recipient: z.string().trim().min(1).max(200).optional(),
  /** Where the proof is: a form number, a recording id… Kept sealed. */
  evidence: z.string().trim().min(1).max(500).optional(),
  /** For a customer under 14: the parent or guardian who consents. Kept sealed. */
  guardian: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      relation: z.string().trim().min(1).max(40),
    })
    .optional(),
})
export type RecordConsentInput = z.infer<typeof recordConsentSchema>

export const consentRecordSchema = z.object({
  id: z.string(),
  purpose: z.string(),
  granted: z.boolean(),
  channel: z.string(),
  noticeVersion: z.number().int().nullable(),
  recipient: z.string().nullable(),
  byGuardian: z.boolean(),
  hasEvidence: z.boolean(),
  recordedBy: z.object({ id: z.string(), name: z.string() }),
  recordedAt: z.date(),
})

export const consentStateSchema = z.object({
  purpose: z.string(),
  granted: z.boolean(),
  since: z.date(),
  recipient: z.string().nullable(),
})

export const customerConsentsSchema = z.object({
  /** The standing decision per purpose (the latest record). */
  states: z.array(consentStateSchema),
  /** The whole ledger, newest first. */
  history: z.array(consentRecordSchema),
})
