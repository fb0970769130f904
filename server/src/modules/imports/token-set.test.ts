import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { TokenSet } from './token-set.js'

/** Issue 18 §1, DQ-1: the set of identifier tokens seen in one import's file. */
const token = (i: number) =>
  createHmac('sha256', 'key').update(`mobile\u0000${i}`).digest('base64url')

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
