/**
 * The imports module's face (issue 18, DQ-3). What is built so far reads an
 * uploaded file — its encoding, its rows, the field each column holds — and
 * makes a row an entry; the import job and its routes come next
 * (docs/imports.md).
 */
export { suggestMapping } from './column-suggestions.js'
export { detectEncoding } from './file-encoding.js'
export { readCsvRows } from './read-csv-rows.js'
export { readXlsxRows } from './read-xlsx-rows.js'
export { rowToEntry } from './row-to-entry.js'
