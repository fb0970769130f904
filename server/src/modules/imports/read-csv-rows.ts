import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { Encoding } from './file-encoding.js'

/** One row of an uploaded file: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export type FileRow = { row: number; cells: string[] }

/**
 * The rows of a CSV file, streamed: bytes decoded as they arrive (a
 * character split across two chunks is kept for the next), parsed by
 * csv-parse (quoted fields, embedded newlines, a byte-order mark), one row
 * at a time — the file is never held whole, whatever its size. The first
 * row is the header.
 */
export async function* readCsvRows(input: Readable, encoding: Encoding): AsyncGenerator<FileRow> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    // Empty lines are kept, so that row numbers stay those a spreadsheet shows; the reader skips them.
    // Excel quotes every field that holds a separator, a quote or a newline; anything else is plain.
    relax_quotes: true,
  })
  const decoder = new TextDecoder(encoding)
  // Waits for the parser to take more, or to be gone (a reader that stopped, a parse error).
  const room = () =>
    new Promise<void>((resume) => {
      const done = () => {
        parser.off('drain', done)
        parser.off('close', done)
        resume()
      }
      parser.once('drain', done)
      parser.once('close', done)
    })
  const feed = (async () => {
    try {
      for await (const chunk of input) {
        if (parser.destroyed) return
        const text = decoder.decode(chunk as Uint8Array, { stream: true })
        if (!parser.write(text)) await room()
      }
      if (!parser.destroyed) parser.end(decoder.decode())
    } catch (error) {
      parser.destroy(error as Error)
    }
  })()
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1
      yield { row, cells: record }
    }
    await feed
  } finally {
    // A reader that stops early (the header and a few rows for the mapping) or a file that
    // does not parse: the parser and the upload's stream are closed, not left open.
    parser.destroy()
    input.destroy()
  }
}
