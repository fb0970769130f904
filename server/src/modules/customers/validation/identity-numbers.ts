const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/**
 * GB 11643-1999 resident identity number (normalised): 18 characters with
 * an ISO 7064 MOD 11-2 check character and a real birth date, or a legacy
 * 15-digit number (birth date YYMMDD in the 1900s, no check digit).
 */
export function isValidIdNumber(value: string, today: Date = new Date()): boolean {
  if (/^[1-9]\d{14}$/.test(value)) {
    return isRealDate(`19${value.slice(6, 12)}`, today)
  }
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false
  if (!isRealDate(value.slice(6, 14), today)) return false
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0)
  return ID_CHECK[sum % 11] === value[17]
}

/** A real calendar date from 1900-01-01 up to `today`'s local calendar date. */
function isRealDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  const date = new Date(Date.UTC(year, month - 1, day))
  const todayKey = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate()
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    year >= 1900 &&
    Number(yyyymmdd) <= todayKey
  )
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/**
 * GB 32100-2015 unified social credit code (normalised): 18 characters of
 * its 31-character alphabet with a MOD 31 check character. Some early codes
 * fail the check, so a checksum failure is told apart from a malformed code:
 * the caller warns and lets a person confirm (CUS-2).
 */
export function isValidCreditCode(value: string): 'valid' | 'checksum' | 'invalid' {
  if (value.length !== 18 || [...value].some((c) => !CREDIT_ALPHABET.includes(c))) return 'invalid'
  const sum = CREDIT_WEIGHTS.reduce(
    (total, weight, i) => total + weight * CREDIT_ALPHABET.indexOf(value[i] as string),
    0,
  )
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === value[17] ? 'valid' : 'checksum'
}

/** Mainland mobile numbers: 11 digits from 13x to 19x. */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value)
}

/** A pragmatic address check: a local part, one @, a dotted domain of letters, digits and hyphens. */
export function isValidEmail(value: string): boolean {
  if (value.length > 254) return false
  return /^[^\s@]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/i.test(value)
}

/** Bank account numbers: 8 to 30 digits. */
export function isValidBankNumber(value: string): boolean {
  return /^\d{8,30}$/.test(value)
}

/**
 * Bank card numbers: 13 to 19 digits. No Luhn check: some cards issued in
 * China do not pass it, and refusing a real card helps nobody.
 */
export function isValidCardNumber(value: string): boolean {
  return /^\d{13,19}$/.test(value)
}
