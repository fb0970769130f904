import { createReadStream } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout } from 'node:timers/promises'
import type { Command } from 'commander'
import { NO_REQUEST } from '../audit/audit-log.js'
import { loadConfig } from '../config.js'
import { importErrorsCsv, runImportJob, uploadImport, viewOf } from '../modules/imports/index.js'
import type { Call } from '../platform/http/call.js'
import type { Language } from '../platform/i18n.js'
import { openRuntime } from '../runtime.js'
import { jobPrincipal } from '../security/job-principal.js'
import { EXIT_FAILED, EXIT_OK, readOptionFile, runCommand, UsageError } from './exit.js'

type ImportFlags = {
  file: string
  mapping: string
  as: string
  dryRun?: boolean
  report?: string
  language: Language
}

/**
 * `custodia import --file F --mapping M --as USER [--dry-run]` (DQ-3): the
 * same job as the console's — the file stored sealed, the dry run, its
 * report, the run — for an administrator with a file on the server. The
 * import is the named account's: its scope, the owner of the rows, its
 * name on the trail; it must hold customers.import.
 */
export function registerImport(command: Command): void {
  command
    .requiredOption('--file <path>', 'the CSV or Excel (.xlsx) file')
    .requiredOption(
      '--mapping <path>',
      'a JSON file: the field of each column (["name", "mobile", null, …]), or the options with it ({ "mapping": […], "duplicates": "skip|update|create|review", "kind", "source", "encoding" })',
    )
    .requiredOption('--as <username>', 'the account the import is made by (needs customers.import)')
    .option('--dry-run', 'check every row and report, import nothing')
    .option('--report <path>', 'write the per-row report there (CSV)')
    .option('--language <language>', 'the report’s language: zh-CN or en', 'en')
    .action((flags: ImportFlags) => runCommand(() => importFile(flags)))
}

async function importFile(flags: ImportFlags): Promise<number> {
  if (flags.language !== 'en' && flags.language !== 'zh-CN') {
    throw new UsageError('--language must be zh-CN or en')
  }
  const options = mappingOptions(await readOptionFile(flags.mapping, '--mapping'))
  // Checked, not read: the file is streamed into the job, whatever its size.
  await stat(flags.file).catch(() => {
    throw new UsageError(`--file: cannot read ${flags.file}`)
  })
  const runtime = await openRuntime(loadConfig())
  try {
    const { deps } = runtime
    const account = await deps.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', flags.as)
      .executeTakeFirst()
    const principal = account && (await jobPrincipal(deps.db, account.id, 'custodia import'))
    if (!principal) throw new UsageError(`--as: no active account ${flags.as}`)
    if (!principal.permissions.has('customers.import')) {
      throw new UsageError(`--as: ${flags.as} may not import customers (customers.import)`)
    }
    const call: Call = { deps, principal, context: NO_REQUEST, now: deps.clock.now() }
    const id = await uploadImport(call, {
      fileName: path.basename(flags.file),
      stream: createReadStream(flags.file),
      options,
    })
    const checked = await settled(call, id, flags.language)
    if (checked.state !== 'ready') return failed(checked)
    const counts = checked.counts
    const write = (line: string) => process.stdout.write(`${line}\n`)
    write(
      `Import ${id}: ${checked.progress.total} rows checked — ${counts.create ?? 0} to create, ${counts.update ?? 0} to update, ${counts.skip ?? 0} to skip, ${counts.review ?? 0} to review, ${counts.invalid ?? 0} with problems.`,
    )
    for (const p of checked.problems) write(`  ${p.rows} rows: ${p.message}`)
    let outcome = checked
    if (!flags.dryRun && (counts.create ?? 0) + (counts.update ?? 0) + (counts.review ?? 0) > 0) {
      await runImportJob(call, id)
      outcome = await settled(call, id, flags.language)
      if (outcome.state !== 'done') return failed(outcome)
      const c = outcome.counts
      write(
        `Imported: ${c.created ?? 0} created, ${c.updated ?? 0} updated, ${c.skipped ?? 0} skipped, ${c.queued ?? 0} queued for review, ${c.failed ?? 0} not imported.`,
      )
    }
    if (flags.report) {
      const { body } = await importErrorsCsv(call, id, flags.language)
      await writeFile(flags.report, body, { mode: 0o600 })
      write(`Report written to ${flags.report}.`)
    }
    const refused = outcome === checked ? (counts.invalid ?? 0) : (outcome.counts.failed ?? 0)
    return refused > 0 ? EXIT_FAILED : EXIT_OK
  } finally {
    await runtime.close()
  }
}

/** The mapping file: a list of fields, one per column, or the import's options with it. */
function mappingOptions(text: Buffer): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.toString('utf8'))
  } catch {
    throw new UsageError('--mapping: not a JSON file')
  }
  if (Array.isArray(parsed)) return { mapping: parsed }
  if (parsed && typeof parsed === 'object' && 'mapping' in parsed) {
    return parsed as Record<string, unknown>
  }
  throw new UsageError('--mapping: give a list of fields, or an object with "mapping"')
}

/** The job once its step, running in this process, has ended. */
async function settled(call: Call, id: string, language: Language) {
  for (;;) {
    const view = await viewOf(call, id, language)
    if (view.state !== 'validating' && view.state !== 'importing') return view
    await setTimeout(100)
  }
}

function failed(view: { state: string; failure: { message: string } | null }): number {
  process.stderr.write(
    `custodia: the import ${view.state === 'failed' ? `failed: ${view.failure?.message ?? ''}` : `stopped (${view.state})`}\n`,
  )
  return EXIT_FAILED
}
