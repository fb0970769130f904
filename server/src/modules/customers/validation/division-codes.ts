import { DIVISION_CODES } from './division-codes.data.js'

/**
 * GB/T 2260 administrative division codes (CUS-2), as ID numbers (GB 11643)
 * and credit codes (GB 32100) carry them.
 *
 * The first two digits name a province-level division. That list is closed
 * and has not changed since 1997 (重庆 50): a number starting with anything
 * else is not an ID number, and is refused. 83 is not in GB/T 2260 but starts
 * the residence-permit numbers of Taiwan residents (台湾居民居住证), which
 * follow GB 11643.
 *
 * The six-digit code is looked up in the codes of every revision the project
 * ships (division-codes.data.ts), current and abolished alike, since a number
 * keeps the code in force when it was issued. A code not found is most likely
 * a typing error, but may be one older than the data: the caller warns and a
 * person may confirm it.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15'],
  ...['21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46'],
  ...['50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83'],
])

const KNOWN: ReadonlySet<string> = new Set(DIVISION_CODES.trim().split(/\s+/))

/** The code's first two digits name a province-level division. */
export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code.slice(0, 2))
}

/** The six-digit code is one of GB/T 2260, in any revision shipped. */
export function isKnownDivisionCode(code: string): boolean {
  return KNOWN.has(code)
}

export type RegionVerdict = 'known' | 'unknown' | 'not-a-province'

/** What a six-digit region code is: known, unknown (warn), or impossible (refuse). */
export function checkDivisionCode(code: string): RegionVerdict {
  if (!/^\d{6}$/.test(code) || !isProvinceCode(code)) return 'not-a-province'
  return isKnownDivisionCode(code) ? 'known' : 'unknown'
}
