import { notAFormula } from '../../platform/csv-cell.js'
import type { Call } from '../../platform/http/call.js'
import type { Language } from '../../platform/i18n.js'
import { importErrors } from './imports.service.js'

const HEADINGS: Record<Language, string[]> = {
  'zh-CN': ['行号', '列', '列名', '字段', '问题'],
  en: ['Row', 'Column', 'Column name', 'Field', 'Problem'],
}

/** Every cell quoted; a column's header comes from the uploaded file, so it is never left to run as a formula. */
const quoted = (cell: string | number | null) =>
  `"${notAFormula(String(cell ?? '')).replaceAll('"', '""')}"`

/**
 * The whole per-row report as a CSV file to download (UTF-8 with a
 * byte-order mark, so that Excel opens it in Chinese): where each problem
 * is and what it is, in the reader's language — never the refused value.
 */
export async function importErrorsCsv(
  call: Call,
  id: string,
  language: Language,
): Promise<{ filename: string; body: string }> {
  const lines = [HEADINGS[language].map(quoted).join(',')]
  let after = 0
  for (;;) {
    const page = await importErrors(call, id, { after, limit: 1000 }, language)
    for (const p of page.items) {
      lines.push([p.row, p.column, p.columnName, p.fieldLabel, p.message].map(quoted).join(','))
    }
    if (page.next === null) break
    after = page.next
  }
  return { filename: `import-${id}-errors.csv`, body: `\uFEFF${lines.join('\r\n')}\r\n` }
}
