/**
 * The one rule for text that Custodia stores or searches (CUS-2): what the
 * console and an export show is what was stored, and nothing hides in it.
 *
 * - Removed (invisible, meaningless in a stored text, and used to make two
 *   different values look the same): zero-width space, non-joiner and joiner
 *   U+200B–U+200D, the direction marks U+200E, U+200F and U+061C, word joiner
 *   and invisible operators U+2060–U+2064, soft hyphen U+00AD, byte-order mark
 *   U+FEFF.
 * - Refused (they change how the rest of the text is displayed, or are not
 *   text at all): C0 and C1 control characters and DEL (NUL included, which
 *   PostgreSQL cannot store), the bidirectional embeddings and overrides
 *   U+202A–U+202E and isolates U+2066–U+2069, line and paragraph separators
 *   U+2028–U+2029, deprecated format characters U+206A–U+206F, interlinear
 *   annotation U+FFF9–U+FFFB, tag characters U+E0000–U+E007F, the
 *   noncharacters U+FFFE–U+FFFF and unpaired surrogates.
 * - Tab and line breaks are text only in multi-line fields (notes, reasons,
 *   notice sections); there CR LF and CR become LF. Everywhere else they are refused.
 * - The result is in Unicode normalisation form C, so that one name has one
 *   encoding, in storage, in search tokens and in exports.
 */
export type NormalisedText =
  | { ok: true; value: string }
  | { ok: false; reason: 'forbiddenCharacters' | 'lineBreak' }

const REMOVED = /[\u00AD\u061C\u200B-\u200F\u2060-\u2064\uFEFF]/gu

const REFUSED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it refuses.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u206F\uFFF9-\uFFFB\uFFFE\uFFFF\u{E0000}-\u{E007F}]|[\uD800-\uDFFF]/u

/** Line structure: refused in a single-line text. */
const LINE_CHARACTERS = /[\t\n\r]/

export function normaliseText(value: string, options: { multiline: boolean }): NormalisedText {
  if (REFUSED.test(value)) return { ok: false, reason: 'forbiddenCharacters' }
  let text = value
  if (options.multiline) text = text.replace(/\r\n?/g, '\n')
  else if (LINE_CHARACTERS.test(text)) return { ok: false, reason: 'lineBreak' }
  return { ok: true, value: text.replace(REMOVED, '').normalize('NFC') }
}
