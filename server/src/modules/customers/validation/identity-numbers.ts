import { checkDivisionCode, type RegionVerdict } from './division-codes.js'

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

export type IdNumberVerdict = 'valid' | 'region-unknown' | 'not-a-province' | 'invalid'

/**
 * A resident ID number checked in full (CUS-2): form, check character and
 * birth date (`isValidIdNumber`), then its address code (GB/T 2260, the
 * first six digits, for the 18- and the 15-digit form alike). First two
 * digits that are no province-level code make it no ID number at all
 * (`not-a-province`, refused); a six-digit code found in no revision the
 * project ships warns (`region-unknown`) and may be confirmed by a person.
 */
export function checkIdNumber(value: string, today: Date = new Date()): IdNumberVerdict {
  if (!isValidIdNumber(value, today)) return 'invalid'
  return regionVerdict(checkDivisionCode(value.slice(0, 6)))
}

function regionVerdict(verdict: RegionVerdict): 'valid' | 'region-unknown' | 'not-a-province' {
  return verdict === 'known' ? 'valid' : verdict === 'unknown' ? 'region-unknown' : 'not-a-province'
}

/**
 * GB 32100-2015 表1: the registration authority (登记管理部门, the first
 * character) and the organisation categories (机构类别, the second) each one
 * assigns. 1 机构编制: 1 机关, 2 事业单位, 3 中央编办直接管理机构编制的群众团体,
 * 9 其他; 2 外交: 1 外国常驻新闻机构, 9 其他; 3 司法行政: 1 律师执业机构,
 * 2 公证处, 3 基层法律服务所, 4 司法鉴定机构, 5 仲裁委员会, 9 其他; 4 文化:
 * 1 外国在华文化中心, 9 其他; 5 民政: 1 社会团体, 2 民办非企业单位, 3 基金会,
 * 9 其他; 6 旅游: 1 外国旅游部门常驻代表机构, 2 港澳台地区旅游部门常驻内地
 * （大陆）代表机构, 9 其他; 7 宗教: 1 宗教活动场所, 2 宗教院校, 9 其他; 8 工会:
 * 1 基层工会, 9 其他; 9 工商: 1 企业, 2 个体工商户, 3 农民专业合作社;
 * A 中央军委改革和编制办公室: 1 军队事业单位, 9 其他; N 农业: 1 组级、
 * 2 村级、3 乡镇级集体经济组织, 9 其他; Y 其他: 1.
 */
export const CREDIT_CODE_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
}

/** Positions 3–8 of a credit code registered with a central authority (国家级). */
const CENTRAL_REGION = '100000'

export type CreditCodeCheck =
  | { refused: 'invalid' | 'authority' | 'not-a-province' }
  | { warnings: ('checksum' | 'region-unknown')[] }

/**
 * A unified social credit code checked in full (CUS-2): its alphabet and
 * length (refused when wrong), its registration authority and organisation
 * category as GB 32100 表1 pairs them (refused when no such pair), the
 * registering authority's region (positions 3–8, GB/T 2260, or 100000 for a
 * central one: first two digits that are no province-level code are
 * refused, an unknown six-digit code warns), and the MOD 31 check character
 * (warns: some early codes fail it).
 */
export function checkCreditCode(value: string): CreditCodeCheck {
  const checksum = isValidCreditCode(value)
  if (checksum === 'invalid') return { refused: 'invalid' }
  const categories = CREDIT_CODE_CATEGORIES[value[0] as string]
  if (!categories?.includes(value[1] as string)) return { refused: 'authority' }
  const region = value.slice(2, 8)
  const verdict = region === CENTRAL_REGION ? 'valid' : regionVerdict(checkDivisionCode(region))
  if (verdict === 'not-a-province') return { refused: 'not-a-province' }
  const warnings: ('checksum' | 'region-unknown')[] = []
  if (verdict === 'region-unknown') warnings.push('region-unknown')
  if (checksum === 'checksum') warnings.push('checksum')
  return { warnings }
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
