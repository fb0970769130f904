/**
 * CUS-2 normalisation: what staff type is stored, compared and indexed in
 * one form — NFKC turns full-width letters, digits and the ideographic space
 * into their half-width forms.
 */
export function normaliseText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ')
}

/** Mainland mobile numbers without separators or the +86 / 0086 country code. */
export function normaliseMobile(value: string): string {
  const compact = normaliseText(value).replace(/[\s\-()]/g, '')
  return compact.replace(/^(?:\+86|0086|86)(?=\d{11}$)/, '')
}

/** E-mail addresses compare case-insensitively in practice: one lower-case form (CUS-2). */
export function normaliseEmail(value: string): string {
  return normaliseText(value).toLowerCase()
}

/** GB 11643: the check character X is upper case. */
export function normaliseIdNumber(value: string): string {
  return normaliseText(value).replace(/\s/g, '').toUpperCase()
}

/** GB 32100 codes use upper-case letters only. */
export function normaliseCreditCode(value: string): string {
  return normaliseText(value).replace(/\s/g, '').toUpperCase()
}

/** Bank card and account numbers: digits only, as printed groups are typed with spaces or hyphens. */
export function normaliseDigits(value: string): string {
  return normaliseText(value).replace(/[\s-]/g, '')
}

/** Names for search tokens: Latin letters in one case. */
export function normaliseName(value: string): string {
  return normaliseText(value).toLowerCase()
}
