/**
 * The text encoding of an uploaded CSV file (issue 18, DQ-3). Chinese Excel
 * saves "CSV" in GB18030 (GBK) without a byte-order mark, other tools in
 * UTF-8 with or without one. Decided as the design notes say, in order: a
 * UTF-8 byte-order mark; the sample decoding as strict UTF-8; otherwise
 * GB18030 (a superset of GBK and GB2312). The user may override the guess.
 */
export const ENCODINGS = ['utf-8', 'gb18030'] as const
export type Encoding = (typeof ENCODINGS)[number]

export type DetectedEncoding = { encoding: Encoding; bom: boolean }

const UTF8_BOM = [0xef, 0xbb, 0xbf]

/** How many bytes of a file's start decide its encoding. */
export const SAMPLE_BYTES = 64 * 1024

/**
 * `wholeFile`: whether the sample is the whole file. When it is only the
 * file's start, it may end inside a character, which is then left out.
 */
export function detectEncoding(sample: Uint8Array, wholeFile: boolean): DetectedEncoding {
  if (UTF8_BOM.every((byte, i) => sample[i] === byte)) return { encoding: 'utf-8', bom: true }
  const tested = wholeFile ? sample : withoutCutCharacter(sample)
  return { encoding: isStrictUtf8(tested) ? 'utf-8' : 'gb18030', bom: false }
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** A sample cut from a longer file: the bytes of an unfinished last UTF-8 character are left out. */
function withoutCutCharacter(sample: Uint8Array): Uint8Array {
  let end = sample.length
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  for (let back = 0; back < 3 && end > 0 && ((sample[end - 1] as number) & 0xc0) === 0x80; back++)
    end--
  const lead = sample[end - 1]
  if (lead !== undefined && lead >= 0xc0) end--
  return sample.subarray(0, end)
}
