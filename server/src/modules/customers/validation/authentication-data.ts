/**
 * JR/T 0171 C3: authentication data — card security codes, PINs, card
 * expiry dates, passwords — must never be stored. A body carrying a key with
 * such a name is refused as a whole, wherever the key sits.
 */
const AUTHENTICATION_KEYS = new Set([
  'cvn',
  'cvn2',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'cav2',
  'pin',
  'pinblock',
  'password',
  'passwd',
  'pwd',
  'expiry',
  'expirydate',
  'expirationdate',
  'cardexpiry',
  'validthru',
  'securitycode',
])

const MAX_DEPTH = 5

/** Dotted paths of every key in `body` that names authentication data. */
export function findAuthenticationData(body: unknown): string[] {
  const found: string[] = []
  const walk = (value: unknown, path: string[], depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value)) {
      const here = [...path, key]
      if (
        !Array.isArray(value) &&
        AUTHENTICATION_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''))
      ) {
        found.push(here.join('.'))
      }
      walk(child, here, depth + 1)
    }
  }
  walk(body, [], 0)
  return found
}

/**
 * A card number followed by its expiry date (JR/T 0171 C3) pasted into a free
 * text field, e.g. `6222021234567890123 12/27` or `…|12/2027`. Deliberately
 * narrow: 13–19 contiguous digits, at least one separator (space, `|`, `/`,
 * `,`), then MM/YY or MM/YYYY, so ordinary notes are not refused.
 */
const CARD_WITH_EXPIRY = /(?<!\d)\d{13,19}[\s|/,]+(?:0[1-9]|1[0-2])\/(?:\d{4}|\d{2})(?!\d)/u

/** True when free text carries a card number with its expiry date (JR/T 0171 C3). */
export function looksLikeCardWithExpiry(value: string): boolean {
  return CARD_WITH_EXPIRY.test(value.normalize('NFKC'))
}
