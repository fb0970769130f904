import { z } from 'zod'

/** A calendar day of the company's time zone, as the API writes days everywhere. */
const day = z.iso.date()

export const PERIODS = ['day', 'week', 'month'] as const
export type Period = (typeof PERIODS)[number]

/** The longest range one request may ask about: two years of days, weeks or months. */
export const MAX_RANGE_DAYS = 731

const range = {
  period: z.enum(PERIODS).default('day'),
  from: day,
  to: day,
  /** One department: for a caller whose reach is every department; others are held to theirs. */
  departmentId: z.uuid().optional(),
}

/** A range runs forwards, and for two years at most. */
function checkedRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => q.from <= q.to, { path: ['to'], params: { fieldMessage: 'rangeReversed' } })
    .refine((q) => daysBetween(q.from, q.to) < MAX_RANGE_DAYS, {
      path: ['to'],
      params: { fieldMessage: 'rangeTooLong' },
    })
}

export const visitsCallsQuerySchema = checkedRange(z.strictObject(range))

export const visitsCallsExportQuerySchema = checkedRange(
  z.strictObject({
    ...range,
    /** The workbook's language; Accept-Language when absent (a download link sends the browser's). */
    language: z.enum(['zh-CN', 'en']).optional(),
  }),
)
export type VisitsCallsQuery = z.infer<typeof visitsCallsQuerySchema>

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000
}

/** What is counted for each salesperson in each period (来人来电统计表 and 成交状况分析表). */
export const COUNTS = [
  'visits',
  'calls',
  'contacts',
  'newCustomers',
  'followUpsDone',
  'followUpsMissed',
  'dealsSigned',
  'dealsLost',
  'firstContacts',
  'converted',
] as const
export type CountName = (typeof COUNTS)[number]

const count = z.number().int()
const counts = z.object({
  visits: count,
  calls: count,
  contacts: count,
  newCustomers: count,
  followUpsDone: count,
  followUpsMissed: count,
  dealsSigned: count,
  dealsLost: count,
  firstContacts: count,
  converted: count,
} satisfies Record<CountName, typeof count>)

const label = { code: z.string(), labelZh: z.string(), labelEn: z.string() }

export const visitsCallsSchema = z.object({
  period: z.enum(PERIODS),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** Whose work is counted: every department, one department, or the caller's own. */
  reach: z.object({
    kind: z.enum(['all', 'department', 'own']),
    departmentId: z.string().nullable(),
  }),
  /** The first day of each period in the range (a week starts on Monday), in order. */
  buckets: z.array(z.string()),
  /** One row per period and salesperson with any work counted; counts are never personal values. */
  rows: z.array(
    z.object({
      bucket: z.string(),
      accountId: z.string(),
      name: z.string(),
      departmentId: z.string().nullable(),
      counts,
    }),
  ),
  /** Each department's sums per period. */
  departments: z.array(
    z.object({
      bucket: z.string(),
      departmentId: z.string().nullable(),
      /** Null for staff outside every department. */
      name: z.string().nullable(),
      counts,
    }),
  ),
  /** The whole range's sums. */
  totals: counts,
  /** Deals opened in the range, by the stage they are at now. */
  dealsByStage: z.array(z.object({ ...label, kind: z.string(), count: z.number().int() })),
  /** Why deals ended without one (未成交) or were cancelled (退订) in the range. */
  noDealReasons: z.array(
    z.object({ ...label, kind: z.enum(['lost', 'cancelled']), count: z.number().int() }),
  ),
})
export type VisitsCalls = z.infer<typeof visitsCallsSchema>
export type Counts = z.infer<typeof counts>
