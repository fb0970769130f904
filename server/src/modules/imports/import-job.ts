import { setImmediate } from 'node:timers/promises'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { loadCatalogue } from '../catalogue/index.js'
import { createCustomers, updateCustomer } from '../customers/index.js'
import { deleteImportFile } from './import-file-store.js'
import { isBlank, rowsOfImport } from './import-rows.js'
import {
  clearProblems,
  type ImportRow,
  type Progress,
  recordProblems,
  recordProgress,
} from './imports.repository.js'
import { judgeRows, type RowFate, type SeenRows } from './judge-rows.js'
import type { FileRow } from './read-csv-rows.js'
import { TokenSet } from './token-set.js'

/** Rows judged and committed together: one lookup of identifiers, one transaction. */
export const BATCH_ROWS = 500

/** The batches of data rows of an import's file after row `after` (the header is row 1). */
async function* batchesOf(call: Call, job: ImportRow, after: number) {
  let batch: FileRow[] = []
  for await (const row of rowsOfImport(call.deps, job)) {
    if (row.row <= after || isBlank(row)) continue
    batch.push(row)
    if (batch.length === BATCH_ROWS) {
      yield batch
      batch = []
      // The embedded database answers within the same turn of the event loop: without a pause
      // between batches, the server would serve no request until the whole file was through.
      await setImmediate()
    }
  }
  if (batch.length > 0) yield batch
}

const DRY_RUN_COUNTS = ['invalid', 'create', 'update', 'skip', 'review'] as const

/**
 * The dry run (issue 18 §1): every row judged as the run would judge it,
 * nothing stored but the report (row, column, problem) and the counts of
 * what the run would do. Started again from the first row if the server
 * stopped during it: it changes nothing, so it can.
 */
export async function validateImport(call: Call, job: ImportRow): Promise<void> {
  const { deps } = call
  const catalogue = await loadCatalogue(deps.db)
  await clearProblems(deps.db, job.id)
  const counts: Record<string, number> = Object.fromEntries(DRY_RUN_COUNTS.map((c) => [c, 0]))
  const seen: SeenRows = new TokenSet()
  let checked = 0
  for await (const batch of batchesOf(call, job, 1)) {
    const fates = await judgeRows(call, catalogue, job.options, batch, seen)
    for (const fate of fates) counts[fate.fate] = (counts[fate.fate] ?? 0) + 1
    await recordProblems(deps.db, job.id, problemsOf(fates))
    checked += batch.length
    const going = await recordProgress(deps.db, job.id, deps.clock.now(), {
      rows_checked: checked,
      counts,
    })
    if (!going) return // cancelled meanwhile
  }
  await recordProgress(deps.db, job.id, deps.clock.now(), {
    state: 'ready',
    rows_checked: checked,
    rows_total: checked,
    counts,
  })
}

/**
 * The run: each batch of rows judged again (the database may have changed
 * since the dry run), its new customers created in one transaction with
 * the job's progress — the last row done and the counts — so that a run
 * interrupted by a restart goes on after the last row committed: no row
 * twice, none lost. An update of an existing record is its own
 * transaction (the customers module's); one interrupted before its batch
 * committed is made again with the same values on resume.
 */
export async function runImport(call: Call, job: ImportRow): Promise<void> {
  const { deps } = call
  const catalogue = await loadCatalogue(deps.db)
  const counts: Record<string, number> = { ...job.counts }
  const count = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1
  }
  let done = job.rows_done
  const seen: SeenRows = new TokenSet()
  for await (const batch of batchesOf(call, job, job.resume_row)) {
    const fates = await judgeRows(call, catalogue, job.options, batch, seen)
    const problems = problemsOf(fates)
    for (const fate of fates) {
      if (fate.fate === 'invalid') count('failed')
      if (fate.fate === 'skip') count('skipped')
      if (fate.fate !== 'update') continue
      try {
        await updateCustomer(call, fate.customerId, fate.input)
        count('updated')
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        problems.push(...problemsOfError(fate.row, error))
        count('failed')
      }
    }
    const going = await commitBatch(call, job.id, {
      entries: fates.filter((f): f is Entry => f.fate === 'create' || f.fate === 'review'),
      problems,
      counts,
      lastRow: batch.at(-1)?.row ?? job.resume_row,
      done: done + batch.length,
    })
    if (!going) return // cancelled meanwhile
    done += batch.length
  }
  await recordProgress(deps.db, job.id, deps.clock.now(), {
    state: 'done',
    finished_at: deps.clock.now(),
    counts,
  })
  await deleteImportFile(deps.db, job.id)
}

type Entry = Extract<RowFate, { fate: 'create' | 'review' }>
type Problem = ReturnType<typeof problemsOf>[number]

/**
 * A batch's new customers in one transaction with the job's progress
 * (`counts` is moved on once it committed). A batch the customers module
 * refuses whole — a colleague registered one of its customers since it
 * was judged — is entered again one row at a time, each with the progress
 * up to its row, the refused rows reported. False when the job was
 * cancelled meanwhile (nothing of the batch then commits).
 */
async function commitBatch(
  call: Call,
  importId: string,
  batch: {
    entries: Entry[]
    problems: Problem[]
    counts: Record<string, number>
    lastRow: number
    done: number
  },
): Promise<boolean> {
  const { deps } = call
  const { entries, problems, counts } = batch
  const after = (made: Entry[]) => {
    const next = { ...counts }
    for (const e of made) {
      const key = e.fate === 'review' ? 'queued' : 'created'
      next[key] = (next[key] ?? 0) + 1
    }
    return next
  }
  const enter = async (some: Entry[], progress: Progress, reported: Problem[]) => {
    await createCustomers(
      call,
      some.map((e) => e.input),
      {
        drafts: new Set(some.filter((e) => e.fate === 'review').map((e) => e.input)),
        alongside: async (trx) => {
          await recordProblems(trx, importId, reported)
          if (!(await recordProgress(trx, importId, deps.clock.now(), progress))) {
            throw new Cancelled()
          }
        },
      },
    )
    Object.assign(counts, progress.counts)
  }
  const whole: Progress = {
    resume_row: batch.lastRow,
    rows_done: batch.done,
    counts: after(entries),
  }
  try {
    if (entries.length === 0) {
      await recordProblems(deps.db, importId, problems)
      if (!(await recordProgress(deps.db, importId, deps.clock.now(), whole))) return false
      Object.assign(counts, whole.counts)
    } else await enter(entries, whole, problems)
    return true
  } catch (error) {
    if (error instanceof Cancelled) return false
    if (!(error instanceof AppError)) throw error
  }
  // One row at a time: a refusal is that row's alone.
  for (const [i, entry] of entries.entries()) {
    const last = i === entries.length - 1
    const progress: Progress = last
      ? whole
      : { resume_row: entry.row, rows_done: batch.done, counts: after([entry]) }
    try {
      await enter([entry], { ...progress, counts: after([entry]) }, last ? problems : [])
    } catch (error) {
      if (error instanceof Cancelled) return false
      if (!(error instanceof AppError)) throw error
      counts.failed = (counts.failed ?? 0) + 1
      problems.push(...problemsOfError(entry.row, error))
      if (last) {
        await recordProblems(deps.db, importId, problems)
        await recordProgress(deps.db, importId, deps.clock.now(), {
          ...whole,
          counts: { ...counts },
        })
      }
    }
  }
  return true
}

class Cancelled extends Error {}

function problemsOf(fates: RowFate[]) {
  return fates.flatMap((f) =>
    f.fate === 'invalid' ? f.problems.map((p) => ({ row: f.row, ...p })) : [],
  )
}

function problemsOfError(row: number, error: AppError) {
  const fields = Object.entries(error.fields ?? {})
  return fields.length > 0
    ? fields.map(([field, problem]) => ({ row, column: null, field, problem }))
    : [{ row, column: null, field: '_', problem: 'invalid' as const }]
}
