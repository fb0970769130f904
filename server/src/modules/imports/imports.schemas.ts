import { z } from 'zod'
import { SOURCES } from '../customers/index.js'
import { ENCODINGS } from './file-encoding.js'

export const DUPLICATE_HANDLING = ['skip', 'update', 'create', 'review'] as const
export const IMPORT_STATES = [
  'uploaded',
  'validating',
  'ready',
  'importing',
  'done',
  'failed',
  'cancelled',
] as const

const mapping = z.array(z.string().max(64).nullable()).max(500)

/**
 * The options of an import (the `options` part of the upload, as JSON):
 * the kind of customer every row is, the source channel and owner they
 * take, what to do with a duplicate, the encoding when the guess is wrong,
 * and the column mapping — without one the job waits for the mapping
 * (PUT /imports/{id}/mapping) with the header and a suggestion.
 */
export const importOptionsSchema = z.strictObject({
  kind: z.enum(['individual', 'organization']).default('individual'),
  source: z.enum(SOURCES).optional(),
  ownerId: z.uuid().optional(),
  duplicates: z.enum(DUPLICATE_HANDLING).default('skip'),
  encoding: z.enum(ENCODINGS).optional(),
  mapping: mapping.optional(),
})
export type ImportOptionsInput = z.infer<typeof importOptionsSchema>

export const importMappingSchema = z.strictObject({
  mapping,
  duplicates: z.enum(DUPLICATE_HANDLING).optional(),
})
export type ImportMappingInput = z.infer<typeof importMappingSchema>

export const importIdParams = z.object({ id: z.uuid() })

export const importSchema = z.object({
  id: z.uuid(),
  state: z.enum(IMPORT_STATES),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(ENCODINGS).nullable(),
  bytes: z.number().int(),
  createdAt: z.iso.datetime(),
  /** The header row and the suggested mapping: for the uploader, while the mapping can change. */
  header: z.array(z.string()).nullable(),
  suggestedMapping: z.array(z.string().nullable()).nullable(),
  options: z.object({
    kind: z.enum(['individual', 'organization']),
    source: z.string().nullable(),
    ownerId: z.uuid().nullable(),
    duplicates: z.enum(DUPLICATE_HANDLING),
    mapping: z.array(z.string().nullable()).nullable(),
  }),
  progress: z.object({
    /** Rows of data in the file (known once the dry run has read it all). */
    total: z.number().int().nullable(),
    checked: z.number().int(),
    done: z.number().int(),
    /** Rows per second of the run so far, and the seconds it should still take. */
    rate: z.number().nullable(),
    secondsLeft: z.number().int().nullable(),
  }),
  /**
   * The dry run's counts (invalid, create, update, skip, review) and the
   * run's (created, updated, skipped, queued, failed).
   */
  counts: z.record(z.string(), z.number().int()),
  /** Rows with each problem, for the report's summary. */
  problems: z.array(z.object({ problem: z.string(), message: z.string(), rows: z.number().int() })),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
})
export type ImportView = z.infer<typeof importSchema>

export const importListSchema = z.object({ items: z.array(importSchema) })

export const importErrorsQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  language: z.enum(['zh-CN', 'en']).optional(),
})

export const importErrorsSchema = z.object({
  items: z.array(
    z.object({
      row: z.number().int(),
      column: z.number().int().nullable(),
      /** The column's header as the file has it; null for a problem of the whole row. */
      columnName: z.string().nullable(),
      field: z.string(),
      fieldLabel: z.string(),
      problem: z.string(),
      message: z.string(),
    }),
  ),
  /** The row to ask `after` for the next page; null at the end. */
  next: z.number().int().nullable(),
})
