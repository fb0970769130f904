import type { Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import type { FileRow } from './read-csv-rows.js'

/**
 * The rows of the first worksheet of an Excel (.xlsx) file, streamed with
 * exceljs's streaming reader: shared strings and rows are read as the file
 * is, never the whole workbook in memory. Each cell becomes its text as the
 * sheet shows it (a number as written, a date as YYYY-MM-DD, a formula as
 * its last result).
 */
export async function* readXlsxRows(input: string | Readable): AsyncGenerator<FileRow> {
  // Loaded when a workbook is read, not with every server start.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell a date from a number: a date cell is a number formatted as one.
    styles: 'cache',
    worksheets: 'emit',
  })
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value)
      })
      yield { row: row.number, cells: Array.from(cells, (cell) => cell ?? '') }
    }
    return // the first worksheet only
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}
