import type { PreparedName, PreparedValues } from './duplicate-values.js'
import { jaroWinkler, lastDigits, levenshtein } from './similarity.js'

/**
 * DQ-1 pair scoring, Fellegi–Sunter style: every field both records have is
 * compared to one agreement level, each level carries a weight in bits (log2
 * of how much likelier that level is for one person's two records than for
 * two people's), the weights add to the prior, and the sum is turned into a
 * score in [0, 1] (2^s / (1 + 2^s)). A field either record lacks adds
 * nothing: absence is not evidence. The reasons list every contribution by
 * a words key (`name.pinyin`, `mobile.same`, …) and its weight — never a value.
 */

export const LEVELS = {
  name: ['same', 'pinyin', 'swapped', 'initials', 'similar', 'oneCharacter', 'different'],
  mobile: ['same', 'oneDigit', 'different'],
  phone: ['same', 'different'],
  email: ['same', 'local', 'similar', 'different'],
  address: ['same', 'similar', 'road', 'district', 'different'],
  employer: ['same', 'similar', 'different'],
  idNumber: ['same', 'different'],
  creditCode: ['same', 'different'],
  birthDate: ['same', 'different'],
} as const

export type ScoredField = keyof typeof LEVELS
export type LevelOf<F extends ScoredField> = (typeof LEVELS)[F][number]
export type ReasonKey = { [F in ScoredField]: `${F}.${LevelOf<F>}` }[ScoredField]

export type DuplicateScoring = {
  /** Pairs scoring at least this are likely duplicates. */
  threshold: number
  /** Log2 odds before any field is compared: how rare a duplicate is among candidate pairs. */
  prior: number
  /** Jaro-Winkler at or above which names, e-mail local parts and employers are "similar". */
  similarAt: number
  /** Bits each agreement level adds (or, negative, takes away). */
  weights: { [F in ScoredField]: Record<LevelOf<F>, number> }
}

/**
 * The defaults, chosen on generated data of another seed than the one the
 * benchmark reports (docs/duplicates.md says how). An identifier (ID number,
 * credit code) weighs most; a mobile or e-mail in common with a name that
 * agrees is a duplicate; a name alone, however exact, is not.
 */
export const DEFAULT_SCORING: DuplicateScoring = {
  threshold: 0.9,
  prior: -9,
  similarAt: 0.92,
  weights: {
    name: {
      same: 8,
      pinyin: 7,
      swapped: 6,
      initials: 5,
      similar: 5,
      oneCharacter: 2,
      different: -8,
    },
    mobile: { same: 11, oneDigit: 6, different: -3 },
    phone: { same: 6, different: -2 },
    email: { same: 12, local: 1, similar: 0.5, different: -3 },
    address: { same: 8, similar: 7, road: 1, district: 0.5, different: -2 },
    employer: { same: 3, similar: 3, different: -1 },
    idNumber: { same: 24, different: -20 },
    creditCode: { same: 24, different: -20 },
    birthDate: { same: 4, different: -8 },
  },
}

type WeightOverrides = { [F in ScoredField]?: Partial<Record<LevelOf<F>, number>> }

/** The defaults with some figures changed: `scoringWith({ threshold: 0.8, weights: { employer: { same: 5 } } })`. */
export function scoringWith(
  overrides: Partial<Omit<DuplicateScoring, 'weights'>> & { weights?: WeightOverrides } = {},
  base: DuplicateScoring = DEFAULT_SCORING,
): DuplicateScoring {
  const weights = { ...base.weights } as Record<ScoredField, Record<string, number>>
  for (const [field, levels] of Object.entries(overrides.weights ?? {})) {
    weights[field as ScoredField] = { ...weights[field as ScoredField], ...levels }
  }
  return { ...base, ...overrides, weights: weights as DuplicateScoring['weights'] }
}

export type Reason = {
  field: ScoredField
  /** The words key the console shows (姓名拼音相同, 手机号相同, …). */
  key: ReasonKey
  /** Bits this field added (negative: took away). */
  weight: number
}

export type PairScore = {
  /** In [0, 1]. */
  score: number
  /** The prior plus every reason's weight. */
  bits: number
  likelyDuplicate: boolean
  /** Strongest contribution first. */
  reasons: Reason[]
}

type LevelVisitor = <F extends ScoredField>(field: F, level: LevelOf<F>) => void

/** Compares every field both records have, calling `visit` with its agreement level. */
function compareFields(
  a: PreparedValues,
  b: PreparedValues,
  similarAt: number,
  visit: LevelVisitor,
): void {
  if (a.name && b.name) visit('name', nameLevel(a.name, b.name, similarAt))
  const mobile = a.mobile && b.mobile ? mobileLevel(a.mobile, b.mobile) : undefined
  if (mobile) visit('mobile', mobile)
  const phone = phoneLevel(a, b, mobile === 'same')
  if (phone) visit('phone', phone)
  if (a.email && b.email) visit('email', emailLevel(a.email, b.email, similarAt))
  if (a.address && b.address) visit('address', addressLevel(a.address, b.address))
  if (a.employer && b.employer) visit('employer', textLevel(a.employer, b.employer, similarAt))
  if (a.idNumber && b.idNumber) visit('idNumber', a.idNumber === b.idNumber ? 'same' : 'different')
  if (a.creditCode && b.creditCode) {
    visit('creditCode', a.creditCode === b.creditCode ? 'same' : 'different')
  }
  // A birth date read from both ID numbers says nothing the ID numbers did not.
  if (a.birthDate && b.birthDate && !(a.idNumber && b.idNumber)) {
    visit('birthDate', a.birthDate === b.birthDate ? 'same' : 'different')
  }
}

/** The prior plus every field's weight: `scorePair`'s bits without its reasons (the sweep's first pass). */
export function scoreBits(
  a: PreparedValues,
  b: PreparedValues,
  scoring: DuplicateScoring = DEFAULT_SCORING,
): number {
  let bits = scoring.prior
  compareFields(a, b, scoring.similarAt, (field, level) => {
    bits += scoring.weights[field][level]
  })
  return bits
}

/** Bits as a score in [0, 1]. */
export const scoreOfBits = (bits: number) => 1 / (1 + 2 ** -bits)

/** Scores two records' prepared (opened, normalised) values. */
export function scorePair(
  a: PreparedValues,
  b: PreparedValues,
  scoring: DuplicateScoring = DEFAULT_SCORING,
): PairScore {
  const reasons: Reason[] = []
  compareFields(a, b, scoring.similarAt, (field, level) => {
    const weight = scoring.weights[field][level]
    reasons.push({ field, key: `${field}.${level}` as ReasonKey, weight })
  })
  const bits = reasons.reduce((sum, reason) => sum + reason.weight, scoring.prior)
  const score = scoreOfBits(bits)
  reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
  return { score, bits, likelyDuplicate: score >= scoring.threshold, reasons }
}

export function nameLevel(a: PreparedName, b: PreparedName, similarAt: number): LevelOf<'name'> {
  if (a.text === b.text) return 'same'
  if (a.joined === b.joined || (a.han !== b.han && a.words === b.words)) return 'pinyin'
  if (a.sorted === b.sorted) return 'swapped'
  if (a.han && b.han) {
    // One character wrong (not a homophone) in a name of three or more, the surname kept:
    // 孙凯伟 / 孙峰伟 — weak, since siblings often share a generation character.
    // Two-character names that differ differ in their whole given name.
    const length = [...a.text].length
    const oneWrong =
      a.surname === b.surname &&
      length >= 3 &&
      length === [...b.text].length &&
      levenshtein(a.text, b.text) === 1
    return oneWrong ? 'oneCharacter' : 'different'
  }
  if (!a.han && !b.han && initialsAgree(a.syllables, b.syllables)) return 'initials'
  const text = a.han === b.han ? jaroWinkler(a.text, b.text) : 0
  return Math.max(text, jaroWinkler(a.joined, b.joined)) >= similarAt ? 'similar' : 'different'
}

/** "J. Smith" and "John Smith": one word the same (2+ letters), the others the same or an initial of it. */
function initialsAgree(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false
  const [x, y] = [[...a].sort(byLengthThenText), [...b].sort(byLengthThenText)]
  let full = 0
  for (const word of x) {
    const match = y.find((other) => other === word && word.length > 1)
    if (match) full++
  }
  if (full === 0) return false
  const rest = (words: string[], other: string[]) => words.filter((w) => !other.includes(w))
  const left = rest(a, b)
  const right = rest(b, a)
  if (left.length !== right.length) return false
  return left.every((word, i) => {
    const other = right[i] as string
    return (word.length === 1 || other.length === 1) && word[0] === other[0]
  })
}

const byLengthThenText = (x: string, y: string) => y.length - x.length || x.localeCompare(y)

function mobileLevel(a: string, b: string): LevelOf<'mobile'> {
  if (a === b || lastDigits(a) === lastDigits(b)) return 'same'
  return a.length === b.length && oneDigitApart(a, b) ? 'oneDigit' : 'different'
}

/** One digit typed wrong, or two neighbours swapped (a number's length is fixed: no insertions). */
function oneDigitApart(a: string, b: string): boolean {
  let first = -1
  let second = -1
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue
    if (first < 0) first = i
    else if (second < 0) second = i
    else return false
  }
  if (second < 0) return true
  return second === first + 1 && a[first] === b[second] && a[second] === b[first]
}

/** Landlines, and a mobile typed as the other record's landline. */
function phoneLevel(
  a: PreparedValues,
  b: PreparedValues,
  mobileSame: boolean,
): LevelOf<'phone'> | undefined {
  const key = (digits: string | undefined) => (digits ? lastDigits(digits) : undefined)
  const cross =
    !mobileSame &&
    ((a.mobile !== undefined && key(a.mobile) === key(b.phone)) ||
      (a.phone !== undefined && key(a.phone) === key(b.mobile)))
  if (cross) return 'same'
  // A landline is a household's: with the mobile the same it tells nothing more.
  if (!a.phone || !b.phone || mobileSame) return undefined
  return key(a.phone) === key(b.phone) ? 'same' : 'different'
}

function emailLevel(
  a: { full: string; local: string },
  b: { full: string; local: string },
  similarAt: number,
): LevelOf<'email'> {
  if (a.full === b.full) return 'same'
  if (a.local === b.local && a.local.length >= 3) return 'local'
  if (Math.min(a.local.length, b.local.length) >= 5 && jaroWinkler(a.local, b.local) >= similarAt) {
    return 'similar'
  }
  return 'different'
}

type Address = { tail: string; district?: string; road?: string }

function addressLevel(a: Address, b: Address): LevelOf<'address'> {
  if (a.tail === b.tail) return 'same'
  const sameRoad = a.district !== undefined && a.district === b.district && a.road === b.road
  // One character typed wrong, left out or added — not another house number on the road.
  if (sameRoad && levenshtein(a.tail, b.tail) <= 1 && !differsInDigits(a.tail, b.tail)) {
    return 'similar'
  }
  if (sameRoad && a.road !== undefined) return 'road'
  if (a.district !== undefined && a.district === b.district) return 'district'
  return 'different'
}

const differsInDigits = (a: string, b: string) => a.replace(/\D/g, '') !== b.replace(/\D/g, '')

function textLevel(a: string, b: string, similarAt: number): 'same' | 'similar' | 'different' {
  if (a === b) return 'same'
  return jaroWinkler(a, b) >= similarAt ? 'similar' : 'different'
}
