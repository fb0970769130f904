/**
 * DQ-1 string similarity and the normal forms duplicates are compared in.
 * Pure: no I/O, no plain value leaves these functions except as their result.
 */

/**
 * Jaro-Winkler similarity in [0, 1] over code points (so that a Chinese
 * character counts as one), with the usual prefix scale 0.1 on up to four
 * common leading characters.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1
  const s = [...a]
  const t = [...b]
  if (s.length === 0 || t.length === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1)
  const sMatched = new Array<boolean>(s.length).fill(false)
  const tMatched = new Array<boolean>(t.length).fill(false)
  let matches = 0
  for (let i = 0; i < s.length; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(t.length - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (tMatched[j] || s[i] !== t[j]) continue
      sMatched[i] = true
      tMatched[j] = true
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < s.length; i++) {
    if (!sMatched[i]) continue
    while (!tMatched[k]) k++
    if (s[i] !== t[k]) transpositions++
    k++
  }
  const jaro =
    (matches / s.length + matches / t.length + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/** Edit distance (insertions, deletions, substitutions) over code points. */
export function levenshtein(a: string, b: string): number {
  const s = [...a]
  const t = [...b]
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const current = [i]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[t.length] as number
}

/** Full-width forms to half-width (NFKC), one space between words, trimmed. */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ')
}

/** Lower case without accents: José → jose, MÜLLER → muller. */
export function foldLatin(value: string): string {
  return normaliseText(value)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

export const HAN = /\p{Script=Han}/u

/**
 * A mainland number as its digits, without +86 / 0086 / 86 before an
 * 11-digit mobile, nor the trunk 0 of a landline kept apart: "+86 138-1234
 * 5678" and "13812345678" are one number.
 */
export function normalisePhone(value: string): string {
  const digits = normaliseText(value).replace(/\D/g, '')
  const mobile = digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '')
  return mobile.replace(/^0086/, '')
}

/** The last eight digits: what a number keeps whatever prefix it was typed with. */
export const lastDigits = (digits: string, count = 8) => digits.slice(-count)

/** E-mail in one case, without a "+tag" in its local part. */
export function normaliseEmail(value: string): { full: string; local: string } {
  const email = normaliseText(value).toLowerCase().replace(/\s/g, '')
  const at = email.lastIndexOf('@')
  const local = (at < 0 ? email : email.slice(0, at)).replace(/\+.*$/, '')
  const domain = at < 0 ? '' : email.slice(at + 1)
  return { full: domain ? `${local}@${domain}` : local, local }
}

/** Where a Chinese address's district starts: the two characters before its first 区/县/旗. */
const DISTRICT = /.{2}(?:区|县|旗)/u

/**
 * An address compared from its district on: the province and city before it
 * are dropped (they are typed, abbreviated or left out at will), 號 is 号,
 * spaces and punctuation go. "广东省深圳市南山区科技园路 12 號" and
 * "南山区科技园路12号" have one form. Without a district the whole address is kept.
 */
export function normaliseAddress(value: string): {
  tail: string
  district?: string
  road?: string
} {
  const compact = normaliseText(value)
    .toLowerCase()
    .replaceAll('號', '号')
    .replaceAll('區', '区')
    .replaceAll('縣', '县')
    .replace(/[\s,，.。、·#\-—()（）]/gu, '')
  const found = DISTRICT.exec(compact)
  if (!found) return { tail: compact }
  const tail = compact.slice(found.index)
  const afterDistrict = tail.slice(found[0].length)
  const road = /^.+?(?:大道|大街|路|街|巷|道|里|村|镇|乡)/u.exec(afterDistrict)?.[0]
  return { tail, district: found[0], road }
}

/** Legal-form words an employer is typed with or without. */
const LEGAL_FORMS_ZH = /股份有限公司|有限责任公司|有限公司|集团|公司/gu
const LEGAL_FORMS_LATIN = /\b(?:co|ltd|inc|llc|corp|corporation|company|limited|gmbh|plc)\b\.?/gu

/** "深圳市某某科技有限公司" and "某某科技（深圳）公司" have one form: 某某科技. */
export function normaliseEmployer(value: string): string {
  return foldLatin(value)
    .replace(/[(（][^)）]*[)）]/gu, '')
    .replace(/^.{2,3}?市/u, '')
    .replace(LEGAL_FORMS_ZH, '')
    .replace(LEGAL_FORMS_LATIN, '')
    .replace(/[\s,，.。、·&\-'"]/gu, '')
}

/** Resident ID numbers with the check character in upper case. */
export function normaliseIdNumber(value: string): string {
  return normaliseText(value).replace(/\s/g, '').toUpperCase()
}

/** The birth date an 18-digit resident ID number carries (YYYYMMDD), if it is one. */
export function birthDateOfIdNumber(idNumber: string): string | undefined {
  return /^\d{17}[\dX]$/.test(idNumber) ? idNumber.slice(6, 14) : undefined
}

/** A date typed as 1980-01-02, 1980/1/2 or 1980年1月2日 as YYYYMMDD. */
export function normaliseDate(value: string): string | undefined {
  const found = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(normaliseText(value))
  if (!found) return /^\d{8}$/.test(value) ? value : undefined
  const [, year, month, day] = found as unknown as [string, string, string, string]
  return `${year}${month.padStart(2, '0')}${day.padStart(2, '0')}`
}
