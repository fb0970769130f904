import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

/** A Markdown table; a `|` inside a cell is escaped so it cannot split the cell. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * A document generated from code, compared with the one committed: a test
 * fails when they differ, and `UPDATE_DOCS=1` writes the generated text
 * instead (then commit it).
 */
export async function committedDocument(
  relativePath: string,
  generated: string,
  /** The test that generates it (its import.meta.filename), named in the hint. */
  testFile: string,
): Promise<{ committed: string; hint: string }> {
  const file = path.join(root, relativePath)
  if (process.env.UPDATE_DOCS === '1') await writeFile(file, generated)
  const committed = await readFile(file, 'utf8').catch(() => '')
  return {
    committed,
    hint: `${relativePath} is out of date: run UPDATE_DOCS=1 npx vitest run --project pglite ${path.relative(root, testFile)} and commit it`,
  }
}
