/**
 * The imports module's face (issue 18 §1, DQ-3): customers from a CSV or
 * Excel file as one durable job — upload, mapping, dry run with a per-row
 * report, run, resumed after a restart (docs/imports.md).
 */
export { suggestMapping } from './column-suggestions.js'
export { detectEncoding } from './file-encoding.js'
export { importErrorsCsv } from './import-errors-csv.js'
export { runImportStep } from './import-runner.js'
export { importsJobs } from './imports.jobs.js'
export { importsRoutes } from './imports.routes.js'
export { runImportJob, uploadImport, viewOf } from './imports.service.js'
export { readCsvRows } from './read-csv-rows.js'
export { readXlsxRows } from './read-xlsx-rows.js'
export { rowToEntry } from './row-to-entry.js'
