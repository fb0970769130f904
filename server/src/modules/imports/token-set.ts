/**
 * The identifier tokens seen so far in one import's file, for duplicates
 * within the file (DQ-1), in 12 bytes a token: the first 96 bits of each
 * keyed token (base64, so its first 16 characters), kept in an
 * open-addressing table of 32-bit words. A `Map` of strings took some
 * 100 bytes a token — 300 MB for a million rows of three identifiers
 * (docs/benchmarks.md, "Imports"); this takes some 72 MB for as many. A
 * 96-bit prefix of an HMAC collides with another by chance once in 2^48
 * pairs: never in any file.
 */
export class TokenSet {
  private slots = new Uint32Array(3 * 1024)
  private used = 0

  /** Adds the token; answers whether it was there already. */
  add(token: string): boolean {
    const words = prefixOf(token)
    if (this.isAt(this.slotOf(words), words)) return true
    // Kept at most half full, so that a probe ends soon.
    if ((this.used + 1) * 2 > this.slots.length / 3) this.grow()
    this.slots.set(words, this.slotOf(words))
    this.used += 1
    return false
  }

  /** Where the token is, or the free slot it goes to. */
  private slotOf([a, b, c]: Words): number {
    const capacity = this.slots.length / 3
    let slot = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> 0
    for (;;) {
      const at = (slot % capacity) * 3
      if (this.isFree(at) || this.isAt(at, [a, b, c])) return at
      slot += 1
    }
  }

  private isFree(at: number): boolean {
    return this.slots[at] === 0 && this.slots[at + 1] === 0 && this.slots[at + 2] === 0
  }

  private isAt(at: number, [a, b, c]: Words): boolean {
    return this.slots[at] === a && this.slots[at + 1] === b && this.slots[at + 2] === c
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Uint32Array(old.length * 2)
    for (let at = 0; at < old.length; at += 3) {
      const words: Words = [old[at] ?? 0, old[at + 1] ?? 0, old[at + 2] ?? 0]
      if (words.some((w) => w !== 0)) this.slots.set(words, this.slotOf(words))
    }
  }
}

type Words = [number, number, number]

/** The first 96 bits of a base64 token as three words; never all zero (zero marks a free slot). */
function prefixOf(token: string): Words {
  const bytes = Buffer.from(token.slice(0, 16), 'base64')
  const words: Words = [bytes.readUInt32BE(0), bytes.readUInt32BE(4), bytes.readUInt32BE(8)]
  if (words[0] === 0 && words[1] === 0 && words[2] === 0) words[2] = 1
  return words
}
