import { z } from 'zod'

/**
 * What a backup run found, as data the console words in the user's language
 * (issue 14 item 1, UI-1). A run stores one line of text (backup_runs.detail,
 * written by archiveDetail and describeChecks, also what the command line
 * prints); this reads that line back into its parts. A line it does not
 * recognise — none is written today — is passed on as `text`.
 */
const checkSchema = z.discriminatedUnion('check', [
  z.object({
    check: z.literal('rowCounts'),
    ok: z.boolean(),
    /** Rows found in the restored copy against the manifest's count, per table. */
    tables: z.array(
      z.object({
        table: z.enum(['customers', 'auditEvents', 'accounts']),
        found: z.number().int(),
        expected: z.number().int(),
      }),
    ),
  }),
  z.object({
    check: z.literal('decryptionSample'),
    ok: z.boolean(),
    opened: z.number().int(),
    sampled: z.number().int(),
  }),
  z.object({
    check: z.literal('auditTrail'),
    ok: z.boolean(),
    events: z.number().int().nullable(),
    firstBadPosition: z.number().int().nullable(),
  }),
  z.object({
    check: z.literal('restore'),
    ok: z.boolean(),
    /** The technical reason the archive did not restore, as the server gave it (shown on hover). */
    message: z.string(),
  }),
])

export const runDetailsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('archive'), customers: z.number().int(), bytes: z.number().int() }),
  z.object({ type: z.literal('checks'), checks: z.array(checkSchema) }),
  z.object({ type: z.literal('text'), text: z.string() }),
])

export type RunDetails = z.infer<typeof runDetailsSchema>
type Check = z.infer<typeof checkSchema>

const ARCHIVE = /^(\d+) customers, (\d+) bytes$/
const CHECK = /^(ok|FAIL) ([a-z ]+): (.*)$/s
const TABLES = {
  customers: 'customers',
  audit_events: 'auditEvents',
  accounts: 'accounts',
} as const

/** A stored detail line as its parts (the inverse of archiveDetail and describeChecks). */
export function runDetails(detail: string): RunDetails {
  const archive = ARCHIVE.exec(detail)
  if (archive) return { type: 'archive', customers: Number(archive[1]), bytes: Number(archive[2]) }
  const checks: Check[] = []
  for (const part of detail.split('; ')) {
    const check = readCheck(part)
    if (!check) return { type: 'text', text: detail }
    checks.push(check)
  }
  return { type: 'checks', checks }
}

function readCheck(part: string): Check | null {
  const match = CHECK.exec(part)
  if (!match) return null
  const [, outcome, name, rest = ''] = match
  const ok = outcome === 'ok'
  switch (name) {
    case 'row counts': {
      const tables = []
      for (const item of rest.split(', ')) {
        const count = /^([a-z_]+) (\d+)\/(\d+)$/.exec(item)
        const table = count?.[1]
        if (!count || !table || !Object.hasOwn(TABLES, table)) return null
        tables.push({
          table: TABLES[table as keyof typeof TABLES],
          found: Number(count[2]),
          expected: Number(count[3]),
        })
      }
      return { check: 'rowCounts', ok, tables }
    }
    case 'decryption sample': {
      const sample = /^(\d+) of (\d+) customers opened$/.exec(rest)
      return sample
        ? { check: 'decryptionSample', ok, opened: Number(sample[1]), sampled: Number(sample[2]) }
        : null
    }
    case 'audit trail': {
      const verified = /^(\d+) events verified$/.exec(rest)
      // A failure that named no position was written as `first bad position undefined`.
      const bad = /^first bad position (\d+|undefined)$/.exec(rest)
      if (!verified && !bad) return null
      const position = bad?.[1] === undefined ? Number.NaN : Number(bad[1])
      return {
        check: 'auditTrail',
        ok,
        events: verified ? Number(verified[1]) : null,
        firstBadPosition: Number.isInteger(position) ? position : null,
      }
    }
    case 'restore':
      return { check: 'restore', ok, message: rest }
    default:
      return null
  }
}
