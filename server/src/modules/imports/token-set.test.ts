import { describe, expect, it } from 'vitest'
import { TokenSet } from './token-set.js'

/** Issue 18 §1, DQ-1: the set of identifier tokens seen in one import's file. */
/** Tokens as the blind index writes them (base64url of 32 bytes), from a small fixed generator. */
function token(i: number): string {
  const bytes = Buffer.alloc(32)
  let x = (i + 1) * 0x9e3779b1
  for (let k = 0; k < 32; k += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes.writeInt32BE(x | 0, k)
  }
  return bytes.toString('base64url')
}

describe('the tokens seen in a file', () => {
  it('tells a token seen before from a new one, through every growth of its table', () => {
    const seen = new TokenSet()
    for (let i = 0; i < 50_000; i++) expect(seen.add(token(i))).toBe(false)
    for (let i = 0; i < 50_000; i++) expect(seen.add(token(i))).toBe(true)
    expect(seen.add(token(50_000))).toBe(false)
  })

  it('keeps a token whose first 96 bits are zero (a free slot is all zero)', () => {
    const seen = new TokenSet()
    const zero = `${'A'.repeat(16)}rest`
    expect(seen.add(zero)).toBe(false)
    expect(seen.add(zero)).toBe(true)
  })
})
