import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { CUSTOMER_DATA_HOLDERS } from '../modules/customer-data/customer-data-registry.js'
import type { DB } from './schema.js'
import { TABLE_OWNERS } from './table-owners.js'

/*
 * Table ownership (ARCHITECTURE.md, "What the checker enforces"): a file
 * writes only the tables its module or layer owns (table-owners.ts). The
 * import checker cannot see SQL, so this test reads the sources: every
 * Kysely insertInto / updateTable / deleteFrom / replaceInto / mergeInto and
 * every `insert into`, `update … set`, `delete from` in a sql`…` template.
 */

const SRC = path.resolve(import.meta.dirname, '..')
type Table = keyof DB
type Write = { file: string; line: number; table: Table | 'computed'; how: string }

/** The tables each holder of customer data names as moved to the survivor of a merge (DQ-1). */
const MOVABLE_TABLES: readonly Table[] = CUSTOMER_DATA_HOLDERS.flatMap((holder) =>
  holder.movable.map((movable) => movable.table as Table),
)

/**
 * Writes whose table is a value rather than a literal, by file: the tables
 * they may reach (read from the code: a union type or a constant list).
 */
const COMPUTED_TABLES: Record<string, readonly Table[] | 'every table'> = {
  // insertSealed / replaceSealed: `table: 'customer_personal' | 'customer_sensitive'`;
  // moveSealedField: SEALED_TABLE[from] and SEALED_TABLE[to].
  'modules/customers/customers.repository.ts': ['customer_personal', 'customer_sensitive'],
  // shred(): KEY_BOUND_TABLES.
  'modules/customers/customers.customer-data.ts': [
    'customer_keys',
    'customer_personal',
    'customer_sensitive',
    'customer_search_tokens',
  ],
  // A restore replaces the whole database from the archive.
  'modules/backup/backup-database.ts': 'every table',
  // forgetValues(): the merged-away record's sealed values and tokens.
  'modules/customers/merge-customers.ts': [
    'customer_personal',
    'customer_sensitive',
    'customer_search_tokens',
  ],
  // mergeRows / unmergeRows: the table of the holder's `movable` entry it is given.
  'platform/customer-data-holder.ts': MOVABLE_TABLES,
}

/**
 * Writes by a file outside the table's owner that are allowed for now, each
 * with why, and who removes it (or why it stays). An entry that is no longer
 * needed fails the test, so the list only shrinks.
 */
const NOT_YET_OWNED: { file: string; tables: readonly Table[]; why: string }[] = [
  {
    file: 'security/keys/rotate-master-key.ts',
    tables: ['accounts', 'customer_keys'],
    why:
      'stays: rotating the master key rewraps every key it wraps, wherever that key is kept ' +
      '(two-factor secrets, customer keys), in one transaction, with the servers stopped',
  },
  {
    file: 'platform/customer-data-holder.ts',
    tables: MOVABLE_TABLES,
    why:
      'stays: a merge moves each holder’s rows to the survivor, and an undo moves them back, ' +
      'through this one helper; each holder names its own tables (movable), the only ones moved',
  },
  {
    file: 'modules/backup/backup-database.ts',
    tables: Object.keys(TABLE_OWNERS) as Table[],
    why: 'stays: a restore replaces the whole database from the archive, every table at once',
  },
]

const KYSELY_WRITES = new Set([
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
])
/** Where a template has a value (a table named by a value is computed). */
const HOLE = '§'
/** `insert into t`, `delete from t`, `update t set`. */
const SQL_WRITES =
  /\b(insert\s+into|delete\s+from)\s+("?[a-z_]+"?|§)|\b(update)\s+("?[a-z_]+"?|§)\s+set\b/gi

/** Every write in one source text. */
export function writesIn(file: string, source: string): Write[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true)
  const found: Write[] = []
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
  const tableNamed = (name: string): Table | 'computed' =>
    (name.replaceAll('"', '').split(/\s+as\s+/)[0] ?? name) as Table
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      KYSELY_WRITES.has(node.expression.name.text)
    ) {
      const [target] = node.arguments
      found.push({
        file,
        line: lineOf(node),
        table: target && ts.isStringLiteralLike(target) ? tableNamed(target.text) : 'computed',
        how: node.expression.name.text,
      })
    }
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(sf) === 'sql') {
      const template = node.template
      const text = ts.isNoSubstitutionTemplateLiteral(template)
        ? template.text
        : [template.head.text, ...template.templateSpans.map((span) => span.literal.text)].join(
            HOLE,
          )
      for (const match of text.matchAll(SQL_WRITES)) {
        const name = match[2] ?? match[4] ?? ''
        found.push({
          file,
          line: lineOf(node),
          table: name === HOLE ? 'computed' : tableNamed(name),
          how: `sql ${(match[1] ?? match[3] ?? '').toLowerCase().replace(/\s+/, ' ')}`,
        })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

/** The module (folder of modules/) or layer a source file belongs to. */
function writerOf(file: string): string {
  const [top, second] = file.split('/')
  if (top === 'modules' && second) return second
  if (top === 'audit' || top === 'security' || top === 'platform' || top === 'db') return top
  return 'the composition root'
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

const writes = sourceFiles(SRC).flatMap((full) =>
  writesIn(path.relative(SRC, full).split(path.sep).join('/'), readFileSync(full, 'utf8')),
)

/** Each write with the tables it reaches (a computed one: those COMPUTED_TABLES lists). */
const reached = writes.flatMap((write): Write[] => {
  if (write.table !== 'computed') return [{ ...write, table: write.table }]
  const tables = COMPUTED_TABLES[write.file]
  if (!tables) return [{ ...write, table: 'computed' as const }]
  const list = tables === 'every table' ? (Object.keys(TABLE_OWNERS) as Table[]) : tables
  return list.map((table) => ({ ...write, table }))
})

describe('table ownership (issue 13 item 3)', () => {
  it('finds every form of write it looks for', () => {
    const sample = [
      "db.insertInto('a').values({})",
      "trx.updateTable('b as x').set({})",
      "trx.deleteFrom('c').where('id', '=', 1)",
      "db.replaceInto('d')",
      'db.deleteFrom(table)',
      'sql`insert into e (x) values (1) on conflict (x) do update set x = 2`',
      'sql`update f set y = 1 where z for update`',
      'sql`delete from "g" where true`',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a placeholder, as the scanner sees it
      'sql`update ${target} set sealed = 1`',
      'sql`select 1 for update skip locked`',
    ].join('\n')
    expect(writesIn('sample.ts', sample).map((w) => w.table)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'computed',
      'e',
      'f',
      'g',
      'computed',
    ])
    expect(writes.length).toBeGreaterThan(50)
    expect(writes).toContainEqual(
      expect.objectContaining({ file: 'audit/audit-log.ts', table: 'audit_events' }),
    )
  })

  it('knows which tables every computed write reaches', () => {
    const unknown = reached
      .filter((w) => w.table === 'computed')
      .map((w) => `${w.file}:${w.line} ${w.how} of a computed table: list it in COMPUTED_TABLES`)
    expect(unknown).toEqual([])
    const computedFiles = new Set(writes.filter((w) => w.table === 'computed').map((w) => w.file))
    const stale = Object.keys(COMPUTED_TABLES).filter((file) => !computedFiles.has(file))
    expect(stale, 'no longer computes a table: remove it from COMPUTED_TABLES').toEqual([])
  })

  it('every table written is in the map', () => {
    const unmapped = reached
      .filter((w) => w.table !== 'computed' && !(w.table in TABLE_OWNERS))
      .map((w) => `${w.file}:${w.line} writes ${w.table}, which table-owners.ts does not list`)
    expect(unmapped).toEqual([])
  })

  it('a module or layer writes only the tables it owns', () => {
    const allowed = (file: string, table: Table) =>
      NOT_YET_OWNED.some((entry) => entry.file === file && entry.tables.includes(table))
    const violations = reached.flatMap((w) => {
      if (w.table === 'computed' || !(w.table in TABLE_OWNERS)) return []
      const owner = TABLE_OWNERS[w.table]
      const writer = writerOf(w.file)
      if (writer === owner || allowed(w.file, w.table)) return []
      return [
        `${writer === 'the composition root' ? writer : `module ${writer}`} writes table ${w.table} owned by ${owner} (${w.file}:${w.line}, ${w.how})`,
      ]
    })
    expect(violations).toEqual([])
  })

  it('every allowed exception is still needed', () => {
    const stale = NOT_YET_OWNED.flatMap((entry) =>
      entry.tables
        .filter(
          (table) =>
            TABLE_OWNERS[table] !== writerOf(entry.file) &&
            !reached.some((w) => w.file === entry.file && w.table === table),
        )
        .map((table) => `${entry.file} no longer writes ${table}: remove it from NOT_YET_OWNED`),
    )
    expect(stale).toEqual([])
  })
})
