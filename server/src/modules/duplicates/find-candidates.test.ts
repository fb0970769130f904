import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { blindIndex } from '../../security/crypto/blind-index.js'
import { SUITES } from '../../security/crypto/cipher-suites.js'
import type { BlindIndexer, BlockingKey } from './blocking-keys.js'
import { type DuplicateRecord, duplicateValuesOf } from './duplicate-values.js'
import { candidatePairs, findDuplicates } from './find-candidates.js'

/** DQ-1: candidate pairs from shared keys (each pair once, blocks capped) and likely duplicates among them. */
const key = randomBytes(32)
const indexer: BlindIndexer = {
  token: (field, normalised) => blindIndex(SUITES['aes-gcm'], key, field, normalised),
}

const records: DuplicateRecord[] = [
  {
    id: 'a',
    values: { name: '李友琴', mobile: '13812345678', address: '深圳市南山区科技园路12号' },
  },
  { id: 'b', values: { name: '李友勤', mobile: '+86 138 1234 5678' } },
  { id: 'c', values: { name: '王伟', mobile: '13900000001', address: '北京市海淀区学院路1号' } },
  { id: 'd', values: { name: '王伟', mobile: '13700000002', address: '上海市徐汇区中山路8号' } },
  { id: 'e', values: { name: 'John Smith', email: 'JSmith@example.com' } },
  { id: 'f', values: { name: 'Smith John', email: 'jsmith@example.com' } },
  { id: 'g', values: { name: '李琴友', address: '广东省深圳市南山区科技园路12號' } },
]

describe('likely duplicates in memory (DQ-1)', () => {
  it('finds the duplicates and leaves the namesakes apart, with reasons', () => {
    const { duplicates, stats } = findDuplicates(records, { indexer })
    const pairs = duplicates.map(({ a, b }) => [a, b].sort().join('-')).sort()
    expect(pairs).toEqual(['a-b', 'a-g', 'e-f'])
    expect(stats.records).toBe(records.length)
    expect(stats.candidatePairs).toBeGreaterThanOrEqual(4)
    for (const duplicate of duplicates) {
      expect(duplicate.score).toBeGreaterThanOrEqual(0.9)
      expect(duplicate.reasons.length).toBeGreaterThan(0)
    }
  })

  it('visits each pair once, however many keys the two share', () => {
    const keys: BlockingKey[][] = [
      [
        { field: 'dup_mobile', token: 'm1' },
        { field: 'dup_email', token: 'e1' },
      ],
      [
        { field: 'dup_email', token: 'e1' },
        { field: 'dup_mobile', token: 'm1' },
      ],
      [{ field: 'dup_email', token: 'e2' }],
    ]
    const seen: string[] = []
    const stats = candidatePairs(keys, (i, j, field) => seen.push(`${i}-${j}:${field}`))
    expect(seen).toEqual(['0-1:dup_mobile'])
    expect(stats).toMatchObject({ blocks: 3, candidatePairs: 1, oversizedBlocks: 0 })
  })

  it('a block over the cap gives no pairs of its own; its records still pair through other keys', () => {
    const keys: BlockingKey[][] = Array.from({ length: 5 }, (_, i) => [
      { field: 'dup_address_road', token: 'everyone' },
      ...(i < 2 ? [{ field: 'dup_mobile' as const, token: 'shared' }] : []),
    ])
    const seen: string[] = []
    const stats = candidatePairs(keys, (i, j, field) => seen.push(`${i}-${j}:${field}`), 4)
    expect(seen).toEqual(['0-1:dup_mobile'])
    expect(stats.oversizedBlocks).toBe(1)
    const uncapped: string[] = []
    candidatePairs(keys, (i, j) => uncapped.push(`${i}-${j}`), 5)
    expect(uncapped).toHaveLength(10)
  })

  it('reads the fields it compares from the opened values of a customer, strings only', () => {
    const opened = new Map<string, unknown>([
      ['name', '李友琴'],
      ['mobile', '13812345678'],
      ['income', 100_000],
      ['bankCards', ['6222020200000000000']],
      ['notes', '不读'],
      ['email', '  '],
    ])
    expect(duplicateValuesOf(opened)).toEqual({ name: '李友琴', mobile: '13812345678' })
  })

  it('takes keys already stored instead of making them', () => {
    const keys: BlockingKey[][] = records.map(() => [])
    expect(findDuplicates(records, { indexer, keys }).duplicates).toEqual([])
  })
})
