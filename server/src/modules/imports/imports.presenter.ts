import type { ImportRow } from './imports.repository.js'
import type { ImportView } from './imports.schemas.js'

type Extras = {
  now: Date
  header: string[] | null
  suggested: (string | null)[] | null
  problems: ImportView['problems']
  failure: ImportView['failure']
}

/** An import as its uploader sees it: state, progress with rate and time left, counts, problems. */
export function presentImport(job: ImportRow, extras: Extras): ImportView {
  const importing = job.state === 'importing' && job.started_at !== null
  const seconds = importing ? (extras.now.getTime() - (job.started_at as Date).getTime()) / 1000 : 0
  const rate = importing && seconds > 0 && job.rows_done > 0 ? job.rows_done / seconds : null
  const left = job.rows_total === null ? null : Math.max(0, job.rows_total - job.rows_done)
  return {
    id: job.id,
    state: job.state,
    fileName: job.file_name,
    format: job.format,
    encoding: job.encoding as ImportView['encoding'],
    bytes: Number(job.byte_size),
    createdAt: job.created_at.toISOString(),
    header: extras.header,
    suggestedMapping: extras.suggested,
    options: {
      kind: job.options.kind,
      source: job.options.source,
      ownerId: job.options.ownerId,
      duplicates: job.options.duplicates,
      mapping: job.options.mapping,
    },
    progress: {
      total: job.rows_total,
      checked: job.rows_checked,
      done: job.rows_done,
      rate: rate === null ? null : Math.round(rate * 10) / 10,
      secondsLeft: rate === null || left === null ? null : Math.ceil(left / rate),
    },
    counts: job.counts,
    problems: extras.problems,
    failure: extras.failure,
    startedAt: job.started_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null,
    expiresAt: job.expires_at.toISOString(),
  }
}
