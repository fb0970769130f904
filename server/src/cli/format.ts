import stringWidth from 'string-width'

/**
 * Text for the terminal. Columns are padded by display width, not by
 * string length: a Chinese character takes two columns, so padding by
 * length misaligns every row after a Chinese name.
 */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))),
  )
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('')
}

/** "1 customer", "2 customers". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
