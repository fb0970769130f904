/**
 * The duplicates module's face (DQ-1): likely-duplicate detection on
 * customers whose values are stored sealed. Pure functions — blocking keys
 * as keyed tokens, pair scoring with explained reasons, candidate search in
 * memory. The token table, the sweep, the review queue and merging are
 * built on them elsewhere; see docs/duplicates.md.
 */

export {
  BLOCKING_FIELDS,
  type BlindIndexer,
  type BlockingField,
  type BlockingKey,
  blockingKeysOf,
  blockingKeysOfPrepared,
} from './blocking-keys.js'
export {
  DUPLICATE_FIELDS,
  type DuplicateRecord,
  type DuplicateValues,
  duplicateValuesOf,
  type PreparedValues,
  prepareValues,
} from './duplicate-values.js'
export {
  type BlockStats,
  candidatePairs,
  DEFAULT_MAX_BLOCK_SIZE,
  type FindOptions,
  findDuplicates,
  type LikelyDuplicate,
} from './find-candidates.js'
export { REASON_WORDS } from './reason-words.js'
export {
  DEFAULT_SCORING,
  type DuplicateScoring,
  type PairScore,
  type Reason,
  type ReasonKey,
  type ScoredField,
  scoreBits,
  scoreOfBits,
  scorePair,
  scoringWith,
} from './score-pair.js'
