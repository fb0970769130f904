/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (so spreadsheet software reads
 * Chinese correctly) and formula neutralisation: a cell that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

function cell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * One line of the audit export (docs/audit-format.md), unambiguous where
 * toCsv is not: an empty unquoted cell is null and `""` is the empty string;
 * a cell a spreadsheet would run as a formula, and a cell that already starts
 * with an apostrophe, gets one apostrophe in front, so that a reader
 * recovers every value by removing exactly one leading apostrophe.
 */
export function csvLine(row: (string | number | null)[]): string {
  return `${row.map(exactCell).join(',')}\r\n`
}

function exactCell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = /^[=+\-@\t\r']/.test(value) ? `'${value}` : value
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
