import { z } from 'zod'

const legalBasis = z.enum(['consent', 'contract', 'legal_obligation'])
const text = (max: number) => z.string().trim().min(1).max(max)

export const purposeSchema = z.object({
  code: z.string(),
  name: z.string().describe('In the language of Accept-Language'),
  nameZh: z.string(),
  nameEn: z.string(),
  legalBasis,
  description: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  active: z.boolean(),
  /** The highest field level a reveal for this purpose may reach. */
  maxLevel: z.number().int(),
  /** If set, the only fields a reveal for this purpose may name. */
  fields: z.array(z.string()).nullable(),
})

export const newPurposeSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/),
  nameZh: text(60),
  nameEn: text(60),
  legalBasis,
  descriptionZh: text(500),
  descriptionEn: text(500),
  maxLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(3),
  fields: z.array(z.string().min(1).max(40)).min(1).max(50).nullable().default(null),
})

export const changePurposeSchema = z.strictObject({
  nameZh: text(60).optional(),
  nameEn: text(60).optional(),
  legalBasis: legalBasis.optional(),
  descriptionZh: text(500).optional(),
  descriptionEn: text(500).optional(),
  active: z.boolean().optional(),
  maxLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  fields: z.array(z.string().min(1).max(40)).min(1).max(50).nullable().optional(),
})

export const purposeParams = z.object({ code: z.string().max(40) })
