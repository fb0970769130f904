/**
 * The one masking module (CLS-4): every screen, API response, export and log
 * line shows personal values through these rules, so that masking looks the
 * same wherever a value surfaces and a reviewer has one place to check.
 *
 * Formats follow GB/T 35273 (信息安全技术 个人信息安全规范, de-identified
 * display of personal information) and JR/T 0171 (个人金融信息保护技术规范,
 * display masking of financial information): ID `110101********1234`, mobile
 * `138****5678`, bank card `6222 **** **** 1234`, name `张*`. The field
 * catalogue names one rule per field; callers map `maskValue` over list items
 * themselves.
 *
 * Values arrive normalised (half-width, trimmed). Lengths are counted in
 * Unicode code points, so a Chinese character counts as one.
 */
export const MASKING_RULES = [
  'none',
  'name',
  'id-number',
  'mobile',
  'phone',
  'email',
  'address',
  'bank-card',
  'bank-account',
  'credit-code',
  'amount',
  'text',
  'hidden',
] as const

export type MaskingRule = (typeof MASKING_RULES)[number]

export function isMaskingRule(value: string): value is MaskingRule {
  return (MASKING_RULES as readonly string[]).includes(value)
}

/** Hides the value and its length alike. */
const HIDDEN = '***'

/**
 * Masks one plain value by its rule.
 *
 * - `amount`, `text`, `hidden` always give `***`, even for an empty value:
 *   income and assets are not banded (a band still discloses wealth), and free
 *   text shows neither content nor length.
 * - every other rule gives `''` for `''` (nothing to hide).
 * - an unknown rule (a corrupt catalogue row at run time) fails closed: `***`.
 */
export function maskValue(rule: MaskingRule, value: string | number): string {
  const text = String(value)
  switch (rule) {
    case 'none':
      return text
    case 'amount':
    case 'text':
    case 'hidden':
      return HIDDEN
  }
  if (text === '') return ''
  const chars = [...text]
  switch (rule) {
    case 'name':
      return maskName(chars)
    case 'id-number':
      return maskIdNumber(chars)
    case 'mobile':
      return maskMobile(chars)
    case 'phone':
      return maskPhone(text)
    case 'email':
      return maskEmail(text)
    case 'address':
      return maskAddress(chars)
    case 'bank-card':
      return maskBankCard(chars)
    case 'bank-account':
      return chars.length >= 8 ? `****${tail(chars, 4)}` : stars(chars.length)
    case 'credit-code':
      return chars.length === 18 ? keepEnds(chars, 2, 4) : stars(chars.length)
    default:
      return HIDDEN
  }
}

/**
 * Names (GB/T 35273 de-identified display keeps only the surname):
 * - with whitespace (Latin names): first letter of each word, a star for each
 *   other letter, spaces kept — `John Smith` → `J*** S****`;
 * - otherwise more than 8 characters (organisation names, which share this
 *   rule): first 2 + a star for each middle character + last 4, so the kind of
 *   entity stays readable — `深圳市某某科技有限公司` → `深圳*****有限公司`;
 * - otherwise first character + a star for each other — `张三` → `张*`,
 *   `欧阳娜娜` → `欧***`; a single character → `*`.
 */
function maskName(chars: string[]): string {
  if (chars.some((char) => /\s/u.test(char))) {
    return chars
      .join('')
      .split(/(\s+)/u)
      .map((word) => (/^\s*$/u.test(word) ? word : maskWord([...word])))
      .join('')
  }
  if (chars.length > 8) return keepEnds(chars, 2, 4)
  return maskWord(chars)
}

function maskWord(chars: string[]): string {
  return chars.length <= 1 ? stars(chars.length) : `${chars[0]}${stars(chars.length - 1)}`
}

/**
 * Resident ID numbers: the first 6 (issuing region) and the last 4 (3 for the
 * old 15-digit form) stay, the birth date and sequence are hidden. Other
 * documents (passports, permits) keep the same ends only when at least 4
 * characters are left to hide (14 or more); anything shorter, where the ends
 * would be most or all of the number, is all stars.
 */
function maskIdNumber(chars: string[]): string {
  if (chars.length === 15) return keepEnds(chars, 6, 3)
  return chars.length < 14 ? stars(chars.length) : keepEnds(chars, 6, 4)
}

/**
 * Mobiles: 11-digit mainland numbers keep the carrier prefix and the last 4
 * (`138****8000`); other numbers keep only the last 4 when at least 7 long.
 */
function maskMobile(chars: string[]): string {
  if (chars.length === 11) return keepEnds(chars, 3, 4)
  return chars.length >= 7 ? keepEnds(chars, 0, 4) : stars(chars.length)
}

/**
 * Landlines: the area code up to and including the first `-` stays (it names
 * a city, not a person), then everything but the last 2 characters is hidden —
 * `010-62345678` → `010-******78`. A number of 2 characters or fewer after
 * the area code is hidden entirely.
 */
function maskPhone(text: string): string {
  const dash = text.indexOf('-')
  const area = dash >= 0 ? text.slice(0, dash + 1) : ''
  const rest = [...text.slice(area.length)]
  return area + (rest.length > 2 ? keepEnds(rest, 0, 2) : stars(rest.length))
}

/**
 * Emails: the domain stays, the local part becomes its first character and
 * `***` (fixed, hiding its length) — `zhang.san@example.com` →
 * `z***@example.com`. A local part of one character would be shown whole, so
 * its character is a star too: `a@example.com` → `****@example.com`. A value
 * without `@` is not an address and is hidden entirely.
 */
function maskEmail(text: string): string {
  const at = text.lastIndexOf('@')
  if (at < 0) return HIDDEN
  const local = [...text.slice(0, at)]
  const first = local.length >= 2 ? local[0] : '*'
  return `${first}***${text.slice(at)}`
}

/**
 * Addresses: the first 6 characters (province, city and district in a
 * Chinese address) and a fixed `****` that hides the length of the rest —
 * `北京市海淀区中关村大街1号` → `北京市海淀区****`. An address of 6 characters
 * or fewer keeps only its first 2.
 */
function maskAddress(chars: string[]): string {
  return `${chars.slice(0, chars.length > 6 ? 6 : 2).join('')}****`
}

/**
 * Bank cards (JR/T 0171): the first 4 (issuer) and the last 4 stay, the middle
 * is always shown as two groups `**** ****` whatever its length —
 * `6222 **** **** 1234`. Shorter than 12: `**** ` and the last 4.
 */
function maskBankCard(chars: string[]): string {
  return chars.length >= 12
    ? `${chars.slice(0, 4).join('')} **** **** ${tail(chars, 4)}`
    : `**** ${tail(chars, 4)}`
}

/** The first `head` and last `tail` characters, a star for each one between. */
function keepEnds(chars: string[], head: number, tailLength: number): string {
  const hidden = Math.max(0, chars.length - head - tailLength)
  return `${chars.slice(0, head).join('')}${stars(hidden)}${tail(chars, tailLength)}`
}

function tail(chars: string[], count: number): string {
  return count <= 0 ? '' : chars.slice(-count).join('')
}

const stars = (count: number) => '*'.repeat(Math.max(0, count))
