import type { Readable } from 'node:stream'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { ImportOptions } from '../../db/schema.js'
import { HOUR } from '../../platform/clock.js'
import { AppError, ERRORS, type ErrorCode, FIELD_MESSAGES } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { type Language, localize } from '../../platform/i18n.js'
import type { Logger } from '../../platform/logging.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { loadCatalogue } from '../catalogue/index.js'
import { detectEncoding, type Encoding, SAMPLE_BYTES } from './file-encoding.js'
import { deleteImportFile, importFileStart, storeImportFile } from './import-file-store.js'
import { checkMapping, suggestedMapping } from './import-mapping.js'
import { rowsOfImport } from './import-rows.js'
import { startImportStep } from './import-runner.js'
import { presentImport } from './imports.presenter.js'
import {
  findImport,
  type ImportRow,
  importsBy,
  problemSummary,
  problemsOf,
} from './imports.repository.js'
import {
  type ImportMappingInput,
  type ImportOptionsInput,
  type ImportView,
  importOptionsSchema,
} from './imports.schemas.js'

export const headerContext = (importId: string) => `custodia/import-header/v1:${importId}`

/** An upload as the route hands it over: the file's name and bytes, and the options part. */
export type Upload = {
  fileName: string
  stream: Readable & { truncated?: boolean }
  options: unknown
}

const FORMATS: Record<string, 'csv' | 'xlsx'> = { csv: 'csv', txt: 'csv', xlsx: 'xlsx' }

/**
 * POST /imports (issue 18 §1, DQ-3): the file stored sealed as it arrives
 * (never whole in memory), its encoding told from its first bytes unless
 * given, its header read; with a mapping the dry run starts at once,
 * without one the job waits for it with a suggestion. A file that cannot
 * be read is refused and nothing of it is kept. Audited with the file's
 * format and size, never its contents.
 */
export async function uploadImport(call: Call, upload: Upload, log?: Logger): Promise<string> {
  const { deps, principal, now } = call
  const format = FORMATS[upload.fileName.split('.').pop()?.toLowerCase() ?? '']
  if (!format) {
    upload.stream.resume()
    throw new AppError('IMPORT_FILE_TYPE')
  }
  const parsed = importOptionsSchema.safeParse(upload.options ?? {})
  if (!parsed.success) {
    upload.stream.resume()
    throw new AppError('VALIDATION_FAILED', { options: 'invalid' })
  }
  const given: ImportOptionsInput = parsed.data
  const options: ImportOptions = {
    mapping: null,
    kind: given.kind,
    source: given.source ?? null,
    ownerId: given.ownerId ?? null,
    duplicates: given.duplicates,
  }
  const { id } = await deps.db
    .insertInto('imports')
    .values({
      created_by: principal.accountId,
      created_at: now,
      state: 'uploaded',
      file_name: upload.fileName.slice(0, 255),
      format,
      encoding: null,
      byte_size: 0,
      sealed_header: '',
      options,
      expires_at: new Date(now.getTime() + deps.config.imports.keepHours * HOUR),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  try {
    const bytes = await storeImportFile(deps.db, deps.secrets, id, upload.stream)
    if (upload.stream.truncated) throw new AppError('IMPORT_FILE_TOO_LARGE')
    if (bytes === 0) throw new AppError('IMPORT_FILE_REQUIRED')
    const encoding: Encoding | null =
      format === 'xlsx'
        ? null
        : (given.encoding ?? detectEncoding(...(await sampleOf(call, id))).encoding)
    const header = await headerOf(call, { id, format, encoding })
    await deps.db
      .updateTable('imports')
      .set({
        byte_size: bytes,
        encoding,
        sealed_header: deps.secrets.seal(JSON.stringify(header), headerContext(id)),
      })
      .where('id', '=', id)
      .execute()
    await recordAuditEvent(deps.db, now, call.context, {
      actor: principal.actor,
      action: 'import.uploaded',
      target: { type: 'import', id },
      details: { format, bytes, columns: header.length },
    })
  } catch (error) {
    upload.stream.resume()
    await deps.db.deleteFrom('imports').where('id', '=', id).execute()
    throw error
  }
  if (given.mapping) await setMapping(call, id, { mapping: given.mapping }, log)
  return id
}

async function sampleOf(call: Call, id: string): Promise<[Uint8Array, boolean]> {
  const { sample, wholeFile } = await importFileStart(
    call.deps.db,
    call.deps.secrets,
    id,
    SAMPLE_BYTES,
  )
  return [sample, wholeFile]
}

/** The first row of the stored file: the header. A file that does not parse, or is empty, is refused. */
async function headerOf(
  call: Call,
  stored: { id: string; format: 'csv' | 'xlsx'; encoding: string | null },
): Promise<string[]> {
  const rows = rowsOfImport(call.deps, stored)
  try {
    const first = await rows.next()
    if (first.done || first.value.cells.every((c) => c.trim() === '')) {
      throw new AppError('IMPORT_FILE_UNREADABLE')
    }
    return first.value.cells.map((cell) => cell.trim())
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('IMPORT_FILE_UNREADABLE')
  } finally {
    await rows.return(undefined)
  }
}

/** The job of the caller's: anyone else's is not found (an import is its uploader's alone). */
async function ownImport(call: Call, id: string): Promise<ImportRow> {
  const job = await findImport(call.deps.db, id)
  if (!job || job.created_by !== call.principal.accountId) throw new AppError('IMPORT_NOT_FOUND')
  return job
}

function headerOfJob(call: Call, job: ImportRow): string[] {
  return JSON.parse(call.deps.secrets.open(job.sealed_header, headerContext(job.id))) as string[]
}

/**
 * PUT /imports/{id}/mapping: the column mapping (and the duplicate
 * handling) checked against the header and the catalogue, then the dry
 * run started. Allowed before the dry run and after it, until the run
 * starts; a new mapping runs the dry run again.
 */
export async function setMapping(
  call: Call,
  id: string,
  input: ImportMappingInput,
  log?: Logger,
): Promise<void> {
  const { deps, now, principal } = call
  const job = await ownImport(call, id)
  // Not while a dry run reads the file: it would finish with the mapping it started with.
  if (job.state !== 'uploaded' && job.state !== 'ready') throw new AppError('IMPORT_STATE')
  const catalogue = await loadCatalogue(deps.db)
  checkMapping(
    catalogue,
    clearanceOf(principal),
    job.options.kind,
    headerOfJob(call, job),
    input.mapping,
  )
  const options: ImportOptions = {
    ...job.options,
    mapping: input.mapping,
    duplicates: input.duplicates ?? job.options.duplicates,
  }
  await deps.db
    .updateTable('imports')
    .set({ options, state: 'validating', rows_checked: 0, counts: {}, rows_total: null })
    .where('id', '=', id)
    .execute()
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'import.validated',
    target: { type: 'import', id },
    fields: input.mapping.filter((f): f is string => f !== null),
    details: { duplicates: options.duplicates },
  })
  startImportStep(deps, id, log)
}

/** POST /imports/{id}/run: the real run, after a dry run that found rows to import. */
export async function runImportJob(call: Call, id: string, log?: Logger): Promise<void> {
  const { deps, now, principal } = call
  const job = await ownImport(call, id)
  if (job.state !== 'ready') throw new AppError('IMPORT_STATE')
  const { create = 0, update = 0, review = 0 } = job.counts
  if (create + update + review === 0) throw new AppError('IMPORT_NOTHING_TO_IMPORT')
  const started = await deps.db
    .updateTable('imports')
    .set({ state: 'importing', started_at: now, resume_row: 1, rows_done: 0 })
    .where('id', '=', id)
    .where('state', '=', 'ready')
    .executeTakeFirst()
  if (started.numUpdatedRows === 0n) throw new AppError('IMPORT_STATE')
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'import.started',
    target: { type: 'import', id },
    details: { rows: job.rows_total ?? 0 },
  })
  startImportStep(deps, id, log)
}

/**
 * POST /imports/{id}/cancel: the job stops after the batch it is on (what
 * that batch and those before it created stays, as the counts say) and its
 * file is deleted.
 */
export async function cancelImport(call: Call, id: string): Promise<void> {
  const { deps, now, principal } = call
  const job = await ownImport(call, id)
  if (['done', 'failed', 'cancelled'].includes(job.state)) throw new AppError('IMPORT_STATE')
  await deps.db
    .updateTable('imports')
    .set({ state: 'cancelled', finished_at: now })
    .where('id', '=', id)
    .execute()
  await deleteImportFile(deps.db, id)
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'import.cancelled',
    target: { type: 'import', id },
    details: { rowsDone: job.rows_done },
  })
}

export async function listImports(
  call: Call,
  language: Language,
): Promise<{ items: ImportView[] }> {
  const rows = await importsBy(call.deps.db, call.principal.accountId, 20)
  return { items: await Promise.all(rows.map((row) => present(call, row, language))) }
}

export async function viewOf(call: Call, id: string, language: Language): Promise<ImportView> {
  return present(call, await ownImport(call, id), language)
}

async function present(call: Call, job: ImportRow, language: Language): Promise<ImportView> {
  const summary = await problemSummary(call.deps.db, job.id)
  const mappable = job.state === 'uploaded' || job.state === 'ready' || job.state === 'validating'
  const header = mappable ? headerOfJob(call, job) : null
  const catalogue = header ? await loadCatalogue(call.deps.db) : undefined
  return presentImport(job, {
    now: call.deps.clock.now(),
    header,
    suggested:
      header && catalogue
        ? suggestedMapping(catalogue, clearanceOf(call.principal), job.options.kind, header)
        : null,
    problems: summary.map((s) => ({
      problem: s.problem,
      message: fieldMessage(s.problem, language),
      rows: s.rows,
    })),
    failure: job.failure
      ? {
          code: job.failure,
          message: localize(
            ERRORS[(job.failure in ERRORS ? job.failure : 'INTERNAL') as ErrorCode],
            language,
          ),
        }
      : null,
  })
}

/**
 * GET /imports/{id}/errors: the per-row report — row, column (its header
 * as the file has it), field and the problem in the reader's language —
 * never the refused value.
 */
export async function importErrors(
  call: Call,
  id: string,
  query: { after: number; limit: number },
  language: Language,
) {
  const job = await ownImport(call, id)
  const [{ problems, more }, catalogue] = await Promise.all([
    problemsOf(call.deps.db, id, query.limit, query.after),
    loadCatalogue(call.deps.db),
  ])
  const header = headerOfJob(call, job)
  const items = problems.map((p) => {
    const entry = catalogue.get(p.field.replace(/^customFields\./, ''))
    return {
      row: p.row,
      column: p.column === null ? null : p.column + 1,
      columnName: p.column === null ? null : (header[p.column] ?? null),
      field: p.field,
      fieldLabel: entry ? (language === 'en' ? entry.labelEn : entry.labelZh) : p.field,
      problem: p.problem,
      message: fieldMessage(p.problem, language),
    }
  })
  return { items, next: more ? (items.at(-1)?.row ?? null) : null }
}

function fieldMessage(problem: string, language: Language): string {
  const key = (problem in FIELD_MESSAGES ? problem : 'invalid') as keyof typeof FIELD_MESSAGES
  return localize(FIELD_MESSAGES[key], language)
}
