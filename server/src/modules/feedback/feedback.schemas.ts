import { z } from 'zod'

/** The customer grades a form may be for (客户分级: 重要客户 / 一般客户); none: every grade. */
export const FORM_GRADES = ['important', 'general'] as const
export const FIELD_KINDS = ['choice', 'scale', 'text', 'date'] as const
/** The channels a survey invites by; each needs the customer's consent to that channel (CON-3). */
export const SURVEY_CHANNELS = ['sms', 'email', 'phone'] as const
export const IMPROVEMENT_KINDS = ['suggestion', 'complaint'] as const
export const IMPROVEMENT_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const
/** Why a selected customer was not invited: counts only, never who. */
export const EXCLUSION_REASONS = [
  'no_consent',
  'consent_withdrawn',
  'not_active',
  'other_grade',
  'not_found',
] as const

export const idParams = z.object({ id: z.uuid() })

const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)
const label = z.string().trim().min(1).max(200)

const fieldSchema = z
  .strictObject({
    key: fieldKey,
    kind: z.enum(FIELD_KINDS),
    label,
    required: z.boolean().default(false),
    /** The options of a choice field (2 to 20). */
    options: z.array(z.string().trim().min(1).max(100)).min(2).max(20).optional(),
  })
  .refine((f) => (f.kind === 'choice') === (f.options !== undefined), {
    path: ['options'],
    params: { fieldMessage: 'notAllowed' },
  })

/** A form as built in the console: a name, the grade it is for, typed fields with unique keys. */
export const saveFormSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  grade: z.enum(FORM_GRADES).nullable().default(null),
  fields: z
    .array(fieldSchema)
    .min(1)
    .max(50)
    .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, {
      params: { fieldMessage: 'notAllowed' },
    }),
})
export type SaveFormInput = z.infer<typeof saveFormSchema>

const formFieldOut = z.object({
  key: z.string(),
  kind: z.enum(FIELD_KINDS),
  label: z.string(),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
})

export const formSchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  version: z.number().int(),
  name: z.string(),
  grade: z.enum(FORM_GRADES).nullable(),
  fields: z.array(formFieldOut),
  /** `superseded`: a later version exists; responses to it stay with it. */
  status: z.enum(['current', 'superseded']),
  createdAt: z.date(),
})

export const formListSchema = z.object({ items: z.array(formSchema) })

export const formsQuerySchema = z.strictObject({
  /** Every version, not only the current ones. */
  all: z.enum(['true', 'false']).default('false'),
})

/** Who to invite: a list of customers, or every customer in scope of a grade (or of any). */
export const createSurveySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  formId: z.uuid(),
  channel: z.enum(SURVEY_CHANNELS),
  selection: z.union([
    z.strictObject({ customerIds: z.array(z.uuid()).min(1).max(1000) }),
    z.strictObject({ grade: z.enum(FORM_GRADES).nullable() }),
  ]),
})
export type CreateSurveyInput = z.infer<typeof createSurveySchema>

const excluded = z.object(
  Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, z.number().int()])) as Record<
    (typeof EXCLUSION_REASONS)[number],
    z.ZodNumber
  >,
)

export const surveySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(SURVEY_CHANNELS),
  form: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
  invited: z.number().int(),
  responded: z.number().int(),
  /** Responded over invited, 0 to 1, rounded to 4 places; null with nobody invited. */
  responseRate: z.number().nullable(),
  excluded,
  createdAt: z.date(),
})

export const surveyListSchema = z.object({ items: z.array(surveySummarySchema) })

export const surveyDetailSchema = surveySummarySchema.extend({
  /** Per scale question: the average of the answers given (2 places) and how many gave one. */
  scores: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      average: z.number().nullable(),
      answers: z.number().int(),
    }),
  ),
  invitees: z.array(
    z.object({ customerId: z.string(), maskedName: z.string(), responded: z.boolean() }),
  ),
})

/** Answers by field key: a choice is one of its options, a scale 1–5, a text, a date (YYYY-MM-DD). */
export const recordResponseSchema = z.strictObject({
  formId: z.uuid(),
  surveyId: z.uuid().optional(),
  answers: z.record(fieldKey, z.union([z.string().trim().min(1).max(2000), z.number()])),
})
export type RecordResponseInput = z.infer<typeof recordResponseSchema>

const person = z.object({ id: z.string(), name: z.string() })

export const responseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  form: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
  surveyId: z.string().nullable(),
  /** The scale answers: plain numbers. */
  scores: z.record(z.string(), z.number()),
  /** The other answers, masked (`***`) unless revealed. */
  answers: z.record(z.string(), z.string()),
  masked: z.boolean(),
  recordedBy: person,
  recordedAt: z.date(),
})

export const responseListSchema = z.object({
  items: z.array(responseSchema),
  /** The current forms that fit this customer's grade. */
  forms: z.array(formSchema),
  /** Surveys this customer is invited to and has not answered yet. */
  openSurveys: z.array(z.object({ id: z.string(), name: z.string(), formId: z.string() })),
})

export const revealResponseSchema = z.strictObject({ purpose: z.string().min(1).max(64) })

export const revealedResponseSchema = z.object({
  id: z.string(),
  answers: z.record(z.string(), z.string()),
  purpose: z.string(),
  displaySeconds: z.number().int(),
})

const dueDay = z.iso.date()

export const createImprovementSchema = z.strictObject({
  kind: z.enum(IMPROVEMENT_KINDS),
  /** About the service environment, never about a customer (docs/feedback.md). */
  title: z.string().trim().min(1).max(200),
  plan: z.string().trim().min(1).max(2000).optional(),
  ownerId: z.uuid(),
  dueOn: dueDay,
  responseId: z.uuid().optional(),
})
export type CreateImprovementInput = z.infer<typeof createImprovementSchema>

export const updateImprovementSchema = z
  .strictObject({
    status: z.enum(IMPROVEMENT_STATUSES).optional(),
    plan: z.string().trim().min(1).max(2000).nullable().optional(),
    ownerId: z.uuid().optional(),
    dueOn: dueDay.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { params: { fieldMessage: 'required' } })
export type UpdateImprovementInput = z.infer<typeof updateImprovementSchema>

export const improvementsQuerySchema = z.strictObject({
  status: z.enum(IMPROVEMENT_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
})

export const improvementSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPROVEMENT_KINDS),
  title: z.string(),
  plan: z.string().nullable(),
  owner: person,
  dueOn: z.string(),
  status: z.enum(IMPROVEMENT_STATUSES),
  /** Open or in progress past its due day (on the company's calendar). */
  overdue: z.boolean(),
  responseId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
})

export const improvementListSchema = z.object({ items: z.array(improvementSchema) })
