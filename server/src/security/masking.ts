/**
 * The one masking module (CLS-4): every response, export and log line shows
 * personal values through these rules, in the formats of GB/T 35273 and
 * JR/T 0171 — ID `110101********1234`, mobile `138****5678`, bank card
 * `6222 **** **** 1234`, name `张*`. The catalogue names a rule per field.
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

/** Masks one plain value by its rule. */
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
      if (chars.length === 15) return keepEnds(chars, 6, 3)
      return chars.length < 10 ? stars(chars.length) : keepEnds(chars, 6, 4)
    case 'mobile':
      if (chars.length === 11) return keepEnds(chars, 3, 4, 4)
      return chars.length >= 7 ? keepEnds(chars, 0, 4) : stars(chars.length)
    case 'phone': {
      const dash = text.indexOf('-')
      const area = dash >= 0 ? text.slice(0, dash + 1) : ''
      const rest = [...text.slice(area.length)]
      return area + (rest.length > 2 ? keepEnds(rest, 0, 2) : stars(rest.length))
    }
    case 'email': {
      const at = text.lastIndexOf('@')
      if (at < 0) return HIDDEN
      const local = [...text.slice(0, at)]
      return `${local.length >= 2 ? local[0] : ''}***${text.slice(at)}`
    }
    case 'address':
      return `${chars.slice(0, chars.length > 6 ? 6 : 2).join('')}****`
    case 'bank-card':
      return chars.length >= 12
        ? `${chars.slice(0, 4).join('')} **** **** ${chars.slice(-4).join('')}`
        : `**** ${chars.slice(-4).join('')}`
    case 'bank-account':
      return chars.length >= 8 ? `****${chars.slice(-4).join('')}` : stars(chars.length)
    case 'credit-code':
      return chars.length === 18 ? keepEnds(chars, 2, 4) : stars(chars.length)
  }
}

/**
 * Personal names keep their first character (`张*`, `欧***`); Latin names
 * the first letter of each word (`J*** S****`); long organisation names
 * their first two and last four characters (`深圳****有限公司`).
 */
function maskName(chars: string[]): string {
  if (chars.length > 8) return keepEnds(chars, 2, 4)
  if (chars.includes(' ')) {
    return chars
      .join('')
      .split(' ')
      .map((word) => {
        const letters = [...word]
        return letters.length === 0 ? '' : `${letters[0]}${stars(letters.length - 1)}`
      })
      .join(' ')
  }
  return chars.length === 1 ? '*' : `${chars[0]}${stars(chars.length - 1)}`
}

function keepEnds(chars: string[], head: number, tail: number, middle?: number): string {
  const hidden = middle ?? Math.max(0, chars.length - head - tail)
  return `${chars.slice(0, head).join('')}${stars(hidden)}${chars.slice(chars.length - tail).join('')}`
}

const stars = (count: number) => '*'.repeat(Math.max(0, count))
