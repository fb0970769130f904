/**
 * Text a spreadsheet opens: a cell that starts like a formula (=, +, -, @,
 * a tab or a carriage return) is led by an apostrophe, so that a value
 * from a customer's record or an uploaded file's header is shown, never run.
 */
export function notAFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value)
  const text = notAFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
