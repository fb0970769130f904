import type { CipherSuite } from './cipher-suites.js'

/**
 * CLS-5 blind indexes: a keyed hash of a normalised value, so exact lookups
 * (mobile, ID number, email, account and card numbers) and duplicate checks
 * run on the index without decrypting anything. The key is its own — not
 * the master key — so it does not change when the master key rotates.
 * The field name is part of the input: the same number as a mobile and as a
 * landline gives two unrelated tokens.
 */
export function blindIndex(
  suite: CipherSuite,
  indexKey: Buffer,
  field: string,
  normalised: string,
): string {
  return suite
    .mac(indexKey, Buffer.from(`${field}\u0000${normalised}`, 'utf8'))
    .toString('base64url')
}
