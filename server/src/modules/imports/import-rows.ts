import type { AppDeps } from '../../platform/deps.js'
import type { Encoding } from './file-encoding.js'
import { importFileStream } from './import-file-store.js'
import { type FileRow, readCsvRows } from './read-csv-rows.js'
import { readXlsxRows } from './read-xlsx-rows.js'

export type StoredImport = { id: string; format: 'csv' | 'xlsx'; encoding: string | null }

/**
 * The rows of an import's stored file, header first, streamed from its
 * sealed chunks through the CSV or Excel reader: the file is never held
 * whole, whatever its size.
 */
export function rowsOfImport(deps: AppDeps, stored: StoredImport): AsyncGenerator<FileRow> {
  const stream = importFileStream(deps.db, deps.secrets, stored.id)
  return stored.format === 'xlsx'
    ? readXlsxRows(stream)
    : readCsvRows(stream, (stored.encoding ?? 'utf-8') as Encoding)
}

/** A row with nothing in it: skipped, as a spreadsheet's blank line is. */
export const isBlank = (row: FileRow) => row.cells.every((cell) => cell.trim() === '')
