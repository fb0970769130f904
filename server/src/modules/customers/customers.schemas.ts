import { z } from 'zod'

/** CUS-3 classifications: plain attributes, not personal data. */
export const GRADES = ['important', 'general'] as const
export const TRACKING_LEVELS = ['A', 'B', 'C'] as const
export const TENURES = ['new', 'returning', 'loyal'] as const
export const SIZES = ['large', 'medium', 'small', 'micro'] as const
export const SOURCES = [
  'web_form',
  'customer_service',
  'phone',
  'survey',
  'visit',
  'referral',
  'third_party',
] as const
export const GENDERS = ['male', 'female', 'other'] as const
export const ID_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
  'other',
] as const

const text = (max: number) => z.string().max(max)
const required = (max: number) => z.string().trim().min(1).max(max)

const attributes = {
  grade: z.enum(GRADES),
  trackingLevel: z.enum(TRACKING_LEVELS),
  tenure: z.enum(TENURES),
  industry: text(64),
  source: z.enum(SOURCES),
}

const individualValues = {
  gender: z.enum(GENDERS),
  idType: z.enum(ID_TYPES),
  idNumber: text(40),
  mobile: text(30),
  phone: text(30),
  email: text(254),
  address: text(200),
  employer: text(100),
  occupation: text(100),
  income: z.number().nonnegative().max(1e15),
  assets: z.number().nonnegative().max(1e15),
  bankAccounts: z.array(text(40)).max(10),
  bankCards: z.array(text(40)).max(10),
  investments: text(2000),
  needs: text(2000),
  notes: text(2000),
}

export const contactSchema = z.strictObject({
  name: required(100),
  mobile: text(30).optional(),
  email: text(254).optional(),
  title: text(60).optional(),
})

const organizationValues = {
  creditCode: text(30),
  size: z.enum(SIZES),
  address: text(200),
  contacts: z.array(contactSchema).max(20),
}

const common = {
  name: required(100),
  ownerId: z.uuid().optional(),
  customFields: z.record(z.string().max(40), text(2000)).optional(),
  /**
   * CUS-2: warnings the caller has seen and confirms — a credit code failing
   * its checksum, or a credit code's or ID number's region code found in no
   * GB/T 2260 revision shipped.
   */
  confirm: z.array(z.enum(['creditCodeChecksum', 'creditCodeRegion', 'idNumberRegion'])).optional(),
}

const optional = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>
  }
const clearable = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.nullable().optional()])) as {
    [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>>
  }

export const createCustomerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('individual'),
    ...common,
    ...optional(attributes),
    ...optional(individualValues),
  }),
  z.strictObject({
    kind: z.literal('organization'),
    ...common,
    ...optional(attributes),
    ...optional(organizationValues),
  }),
])
export type CreateCustomerInput = z.infer<typeof createCustomerSchema>

/** A change: a field given replaces its value, `null` clears it; absent fields stay. */
export const updateCustomerSchema = z.strictObject({
  name: required(100).optional(),
  customFields: z.record(z.string().max(40), text(2000).nullable()).optional(),
  confirm: common.confirm,
  ...clearable(attributes),
  ...clearable(individualValues),
  ...clearable({ creditCode: organizationValues.creditCode, size: organizationValues.size }),
  contacts: organizationValues.contacts.nullable().optional(),
})
export type UpdateCustomerInput = z.infer<typeof updateCustomerSchema>

export const customerIdParams = z.object({ id: z.uuid() })

export const listCustomersQuery = z.strictObject({
  q: z
    .string()
    .max(100)
    .optional()
    .describe('Name: the full name, or its first one to four characters'),
  mobile: z.string().max(30).optional(),
  idNumber: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  bankCard: z.string().max(40).optional(),
  bankAccount: z.string().max(40).optional(),
  creditCode: z.string().max(30).optional(),
  cursor: z.string().max(200).optional(),
  grade: z.enum(GRADES).optional(),
  source: z.enum(SOURCES).optional(),
  departmentId: z.uuid().optional(),
  /** A marketing list for a channel (CON-3): only customers whose standing consent covers it. */
  marketing: z.enum(['sms', 'email', 'phone']).optional(),
  /** CUS-4: the review queue is `status=submitted`. */
  status: z.enum(['draft', 'submitted', 'rejected', 'active', 'restricted']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  fields: z
    .string()
    .max(500)
    .optional()
    .describe(
      'The personal fields a page shows, comma-separated (e.g. name,mobile): only these are opened and answered; all the caller may see when absent',
    ),
})
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>

const shown = z.union([z.string(), z.number(), z.array(z.string())])
const shownContact = z.object({
  name: z.string().optional(),
  mobile: z.string().optional(),
  email: z.string().optional(),
  title: z.string().optional(),
})

const SHOWN_TEXT = [
  'name',
  'gender',
  'idType',
  'idNumber',
  'mobile',
  'phone',
  'email',
  'address',
  'employer',
  'occupation',
  'investments',
  'needs',
  'notes',
  'creditCode',
] as const

/** A customer as the caller may see it: masked by default (CLS-4), fields beyond clearance absent. */
const person = z.object({ id: z.uuid(), name: z.string() })

export const customerViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['individual', 'organization']),
  status: z.string(),
  grade: z.string().nullable(),
  trackingLevel: z.string().nullable(),
  tenure: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  source: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  ...Object.fromEntries(SHOWN_TEXT.map((field) => [field, z.string().optional()])),
  income: z.union([z.number(), z.string()]).optional(),
  assets: z.union([z.number(), z.string()]).optional(),
  bankAccounts: z.array(z.string()).optional(),
  bankCards: z.array(z.string()).optional(),
  contacts: z.array(shownContact).optional(),
  customFields: z.record(z.string(), shown).optional(),
  masked: z.array(z.string()).describe('Fields shown masked'),
  revealable: z.array(z.string()).describe('Masked fields this caller may reveal, with a purpose'),
  owner: person.nullable().optional().describe('Null while the customer is in the pool (公海)'),
  registration: z
    .object({
      registeredBy: person,
      registeredAt: z.string().describe('ISO 8601'),
      validUntil: z.string().describe('ISO 8601: 建档有效期 ends'),
      valid: z.boolean(),
    })
    .nullable()
    .optional()
    .describe('Who registered the customer (建档), and until when it holds (CUS-5)'),
})
export type CustomerView = z.infer<typeof customerViewSchema> & {
  [field in (typeof SHOWN_TEXT)[number]]?: string
}

export const customerPageSchema = z.object({
  items: z.array(customerViewSchema),
  nextCursor: z.string().nullable(),
})

export const revealBodySchema = z.strictObject({
  fields: z.array(z.string().max(60)).min(1).max(30),
  purpose: z.string().min(1).max(40),
})

export const revealResultSchema = z.object({
  values: z.record(z.string(), z.union([shown, z.array(shownContact), z.null()])),
  purpose: z.string(),
  /** How long a screen may show the values before masking them again (ACC-2). */
  displaySeconds: z.number().int(),
})

/** RET-2: what remains of a destroyed customer — that it was destroyed, and the record of it. */
export const destroyedCustomerSchema = z.object({
  id: z.uuid(),
  status: z.literal('destroyed'),
  destruction: z
    .object({
      id: z.string(),
      reason: z.string(),
      requestedBy: z.object({ id: z.string(), name: z.string() }),
      requestedAt: z.date(),
      decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
      decidedAt: z.date().nullable(),
    })
    .nullable(),
})
export type DestroyedCustomer = z.infer<typeof destroyedCustomerSchema>
