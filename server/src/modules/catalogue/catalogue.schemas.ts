import { z } from 'zod'
import { MASKING_RULES } from '../../security/masking.js'

export const catalogueEntrySchema = z.object({
  field: z.string(),
  appliesTo: z.enum(['individual', 'organization', 'both']),
  labelZh: z.string(),
  labelEn: z.string(),
  level: z.number().int().min(0).max(3),
  sensitive: z.boolean(),
  masking: z.enum(MASKING_RULES),
  encrypted: z.boolean(),
  searchable: z.boolean(),
  dataType: z.string(),
  retentionDays: z.number().int().nullable(),
  custom: z.boolean(),
  updatedAt: z.date(),
})

const label = z.string().trim().min(1).max(60)
const level = z.union([z.literal(1), z.literal(2), z.literal(3)])
const retentionDays = z.number().int().min(1).max(36_500).nullable()

export const changeEntrySchema = z.strictObject({
  labelZh: label.optional(),
  labelEn: label.optional(),
  level: level.optional(),
  sensitive: z.boolean().optional(),
  masking: z.enum(MASKING_RULES).optional(),
  retentionDays: retentionDays.optional(),
})

export const newCustomFieldSchema = z.strictObject({
  field: z.string().regex(/^[a-z][a-zA-Z0-9]{1,39}$/),
  appliesTo: z.enum(['individual', 'organization', 'both']),
  labelZh: label,
  labelEn: label,
  level,
  sensitive: z.boolean(),
  masking: z.enum(MASKING_RULES),
  retentionDays: retentionDays.optional(),
})

export const fieldParams = z.object({ field: z.string().max(60) })
