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
 * themselves. The kind of record, never the length of the text, tells a
 * person's name from an organisation's (CLS-4): the caller says which.
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
 * Whose value it is: a person (an individual customer, an organisation's
 * contact person) or an organisation. Only the `name` rule tells them apart.
 * Unsaid means a person, the rule that shows less.
 */
export type MaskSubject = 'person' | 'organization'

/**
 * Masks one plain value by its rule.
 *
 * - `amount`, `text`, `hidden` always give `***`, even for an empty value:
 *   income and assets are not banded (a band still discloses wealth), and free
 *   text shows neither content nor length.
 * - every other rule gives `''` for `''` (nothing to hide).
 * - an unknown rule (a corrupt catalogue row at run time) fails closed: `***`.
 */
export function maskValue(
  rule: MaskingRule,
  value: string | number,
  subject: MaskSubject = 'person',
): string {
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
      return subject === 'organization' ? maskOrganizationName(chars) : maskPersonName(chars)
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
 * A person's name, whatever its length or script (GB/T 35273 de-identified
 * display keeps only the surname): its first character, then a star for each
 * other character up to three — `张三` → `张*`, `甄士隐` → `甄**`,
 * `欧阳娜娜` → `欧***`. Longer names, and names in parts (a space, or the
 * middle dot of transliterated names), show the same first character and
 * `***` and nothing else: `阿卜杜热合曼·买买提` → `阿***`, `Muhammadali` →
 * `M***`, `John Smith` → `J***` — no given name, no part's length, no hint
 * that a name is long. A single character → `*`.
 */
function maskPersonName(chars: string[]): string {
  if (chars.length <= 1) return stars(chars.length)
  const parts = chars.some((char) => NAME_SEPARATOR.test(char))
  return `${chars[0]}${stars(parts ? 3 : Math.min(chars.length - 1, 3))}`
}

/** Spaces and the middle dots transliterated names are written with (·, •, ‧, ・, ･). */
const NAME_SEPARATOR = /[\s\u00b7\u2022\u2027\u30fb\uff65.]/u

/**
 * An organisation's name — the kind of entity matters more than who it is,
 * and it is no person's: more than 8 characters keep the first 2 and the
 * last 4 (`深圳市某某科技有限公司` → `深圳*****有限公司`), so 有限公司 /
 * 合作社 / 事务所 stays readable; 8 or fewer keep the first and a star for
 * each other (`某某科技有限公司` → `某*******`).
 */
function maskOrganizationName(chars: string[]): string {
  if (chars.length > 8) return keepEnds(chars, 2, 4)
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
 * Addresses keep no more than the district (CLS-4): the province, city and
 * county-level names at the start of a Chinese address, then a fixed `****`
 * that hides the length of the rest — `北京市海淀区中关村大街1号` →
 * `北京市海淀区****`, `江苏省昆山市玉山镇人民路2号` → `江苏省昆山市****`.
 *
 * Read are only the leading Chinese characters (up to any digit, Latin
 * letter or punctuation), name by name: a name ends in 省, 自治区 or
 * 特别行政区 (province), 市, 州, 盟 or 地区 (prefecture, or a county-level
 * city), 区, 县 or 旗 (county level: the last one kept). At most three
 * names are kept. Reading stops, keeping what came before, at a town, street
 * or building (镇 乡 街 道 路 村 巷 弄 号 楼 栋 室 inside a name), at a
 * residential 小区 / 社区 / 校区 / 景区 / 街区 / 片区 / 厂区 / 营区, or at a
 * name longer than 12 characters. Nothing recognised — a compound's name, a
 * Latin address — shows only `****`.
 */
function maskAddress(chars: string[]): string {
  return `${districtPrefix(chars)}****`
}

function districtPrefix(chars: string[]): string {
  let kept = 0
  let names = 0
  let start = 0
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    if (!/\p{Script=Han}/u.test(char) || i - start >= 12) break
    const name = chars.slice(start, i + 1).join('')
    if (i > start && ADDRESS_STOPS.has(char)) break
    if (name.length < 2 || ADDRESS_MARKS.has(chars[i + 1] as string)) continue
    let level: 'higher' | 'county' | undefined
    if (char === '省' || name.endsWith('自治区') || name.endsWith('特别行政区')) level = 'higher'
    else if (char === '区' && name.endsWith('地区')) level = 'higher'
    else if (char === '区' && NOT_DISTRICTS.has(name.slice(-2))) break
    else if (char === '市' || char === '州' || char === '盟') level = 'higher'
    else if (char === '区' || char === '县' || char === '旗') level = 'county'
    if (!level) continue
    kept = i + 1
    start = i + 1
    names++
    if (level === 'county' || names === 3) break
  }
  return chars.slice(0, kept).join('')
}

/** Characters that end an administrative name: one directly before another is part of the name (杭州市). */
const ADDRESS_MARKS = new Set(['省', '市', '州', '盟', '区', '县', '旗'])
/** Below the county level: a town, a street, a building. */
const ADDRESS_STOPS = new Set([...'镇乡街道路村巷弄号楼栋室'])
/** Ending in 区 without being a district. */
const NOT_DISTRICTS = new Set(['小区', '社区', '校区', '景区', '街区', '片区', '厂区', '营区'])

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
