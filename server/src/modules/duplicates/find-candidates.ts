import { type BlindIndexer, type BlockingKey, blockingKeysOfPrepared } from './blocking-keys.js'
import { type DuplicateRecord, type PreparedValues, prepareValues } from './duplicate-values.js'
import {
  DEFAULT_SCORING,
  type DuplicateScoring,
  type PairScore,
  scoreBits,
  scoreOfBits,
  scorePair,
} from './score-pair.js'

/**
 * DQ-1 candidate pairs and likely duplicates, in memory and pure. Two
 * steps, so that a repository can feed them from its tables:
 *
 * 1. `candidatePairs` reads blocking keys only (tokens, as stored): records
 *    sharing a key are candidates. Nothing is opened.
 * 2. `findDuplicates` opens nothing either — it is handed the records'
 *    opened values (`{ id, values }`) by whoever opened them — and scores
 *    each candidate pair, keeping those at or above the threshold.
 *
 * Block size is capped: a key more than `maxBlockSize` records share (a
 * district's road everybody lives on, a name as common as 王伟) gives no
 * pairs of its own — its records still pair through their other keys. The
 * cap bounds the work at maxBlockSize² / 2 pairs per key, whatever the data.
 */

export const DEFAULT_MAX_BLOCK_SIZE = 100

export type BlockStats = {
  records: number
  /** Distinct blocking keys. */
  blocks: number
  /** Keys more than the cap shared, which gave no pairs. */
  oversizedBlocks: number
  /** Distinct record pairs sharing at least one key within the cap. */
  candidatePairs: number
}

/**
 * Calls `visit(i, j, field)` once for every distinct pair of records (by
 * index, i < j) that share a blocking key of a block within the cap; `field`
 * is the first such key's field. Each pair is visited once: at the first
 * block (in key order) the two share.
 */
export function candidatePairs(
  keysOfRecords: readonly (readonly BlockingKey[])[],
  visit: (i: number, j: number, field: BlockingKey['field']) => void,
  maxBlockSize = DEFAULT_MAX_BLOCK_SIZE,
): BlockStats {
  const blockIds = new Map<string, number>()
  const blockFields: BlockingKey['field'][] = []
  const members: number[][] = []
  const recordBlocks: Int32Array[] = keysOfRecords.map((keys, record) => {
    const ids = new Set<number>()
    for (const key of keys) {
      const name = `${key.field}\u0000${key.token}`
      let id = blockIds.get(name)
      if (id === undefined) {
        id = members.length
        blockIds.set(name, id)
        blockFields.push(key.field)
        members.push([])
      }
      if (!ids.has(id)) (members[id] as number[]).push(record)
      ids.add(id)
    }
    return Int32Array.from(ids).sort()
  })
  // Oversized blocks do not count as "shared" either: a pair first meeting
  // in one must still be visited at the next block the two share.
  const oversized = members.map((records) => records.length > maxBlockSize)
  const firstShared = (x: Int32Array, y: Int32Array): number => {
    let i = 0
    let j = 0
    while (i < x.length && j < y.length) {
      const a = x[i] as number
      const b = y[j] as number
      if (a === b && !oversized[a]) return a
      if (a <= b) i++
      if (b <= a) j++
    }
    return -1
  }
  let pairs = 0
  let oversizedBlocks = 0
  for (let block = 0; block < members.length; block++) {
    const records = members[block] as number[]
    if (records.length < 2) continue
    if (oversized[block]) {
      oversizedBlocks++
      continue
    }
    for (let x = 0; x < records.length; x++) {
      const i = records[x] as number
      for (let y = x + 1; y < records.length; y++) {
        const j = records[y] as number
        if (firstShared(recordBlocks[i] as Int32Array, recordBlocks[j] as Int32Array) !== block) {
          continue
        }
        pairs++
        visit(Math.min(i, j), Math.max(i, j), blockFields[block] as BlockingKey['field'])
      }
    }
  }
  return {
    records: keysOfRecords.length,
    blocks: members.length,
    oversizedBlocks,
    candidatePairs: pairs,
  }
}

export type LikelyDuplicate = PairScore & {
  /** The two customers' ids, in the order they were given. */
  a: string
  b: string
  /** The blocking key that made them candidates. */
  blockedBy: BlockingKey['field']
}

export type FindOptions = {
  /** Makes the blocking keys: the vault in the product. */
  indexer: BlindIndexer
  scoring?: DuplicateScoring
  maxBlockSize?: number
  /** Keys already stored for the records (same order), so they are not made again. */
  keys?: readonly (readonly BlockingKey[])[]
}

/** The likely duplicates among records whose values are open in memory, best first. */
export function findDuplicates(
  records: readonly DuplicateRecord[],
  options: FindOptions,
): { duplicates: LikelyDuplicate[]; stats: BlockStats } {
  const scoring = options.scoring ?? DEFAULT_SCORING
  const prepared: PreparedValues[] = records.map((record) => prepareValues(record.values))
  const keys =
    options.keys ?? prepared.map((values) => blockingKeysOfPrepared(options.indexer, values))
  const duplicates: LikelyDuplicate[] = []
  const stats = candidatePairs(
    keys,
    (i, j, field) => {
      const [x, y] = [prepared[i] as PreparedValues, prepared[j] as PreparedValues]
      // Most candidates fall short: reasons are written only for those that do not.
      if (scoreOfBits(scoreBits(x, y, scoring)) < scoring.threshold) return
      const scored = scorePair(x, y, scoring)
      const a = (records[i] as DuplicateRecord).id
      const b = (records[j] as DuplicateRecord).id
      duplicates.push({ a, b, blockedBy: field, ...scored })
    },
    options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE,
  )
  duplicates.sort((x, y) => y.score - x.score)
  return { duplicates, stats }
}
