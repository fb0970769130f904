import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { blindIndex } from '../../security/crypto/blind-index.js'
import { SUITES } from '../../security/crypto/cipher-suites.js'
import { type BlindIndexer, blockingInputs, blockingKeysOf } from './blocking-keys.js'
import { type DuplicateValues, prepareValues } from './duplicate-values.js'

/**
 * DQ-1, CLS-5: blocking keys are keyed tokens — the blind index of a normal
 * form under a field of its own — and never carry a plain value.
 */
const key = randomBytes(32)
const indexer: BlindIndexer = {
  token: (field, normalised) => blindIndex(SUITES['aes-gcm'], key, field, normalised),
}
const tokenOf = (values: DuplicateValues, field: string) =>
  blockingKeysOf(indexer, values)
    .filter((k) => k.field === field)
    .map((k) => k.token)
const shares = (a: DuplicateValues, b: DuplicateValues, field: string) => {
  const theirs = new Set(tokenOf(b, field))
  return tokenOf(a, field).some((token) => theirs.has(token))
}

describe('blocking keys (DQ-1)', () => {
  it('homophones share the pinyin key: 李友琴 / 李友勤, and the name typed in pinyin', () => {
    expect(shares({ name: '李友琴' }, { name: '李友勤' }, 'dup_name_pinyin')).toBe(true)
    expect(shares({ name: '李友琴' }, { name: 'Li Youqin' }, 'dup_name_pinyin')).toBe(true)
    expect(shares({ name: '李友琴' }, { name: '李明' }, 'dup_name_pinyin')).toBe(false)
  })

  it('swapped characters and swapped words share the sorted key', () => {
    expect(shares({ name: '李友琴' }, { name: '李琴友' }, 'dup_name_sorted')).toBe(true)
    expect(shares({ name: 'John Smith' }, { name: 'Smith John' }, 'dup_name_sorted')).toBe(true)
    expect(shares({ name: '李友琴' }, { name: 'Youqin Li' }, 'dup_name_sorted')).toBe(true)
  })

  it('a typo in one given character leaves the surname + syllable keys; initials keep the Latin head', () => {
    expect(shares({ name: '孙凯伟' }, { name: '孙峰伟' }, 'dup_name_tail')).toBe(true)
    expect(shares({ name: '孙凯伟' }, { name: '孙凯明' }, 'dup_name_head')).toBe(true)
    expect(shares({ name: 'J. Smith' }, { name: 'John Smith' }, 'dup_name_head')).toBe(true)
  })

  it('reformatted phones, addresses, e-mail and employers share their keys', () => {
    expect(shares({ mobile: '+86 138-1234-5678' }, { mobile: '13812345678' }, 'dup_mobile')).toBe(
      true,
    )
    expect(
      shares({ mobile: '13812345678' }, { phone: '(010) 1234 5678' }, 'dup_number_last8'),
    ).toBe(true)
    expect(
      shares(
        { address: '广东省深圳市南山区科技园路12号' },
        { address: '南山区 科技园路 12號' },
        'dup_address',
      ),
    ).toBe(true)
    expect(
      shares(
        { address: '广东省深圳市南山区科技园路12号' },
        { address: '深圳南山区科技园路88号' },
        'dup_address_road',
      ),
    ).toBe(true)
    expect(shares({ email: 'Li.YouQin@QQ.com' }, { email: 'li.youqin@qq.com' }, 'dup_email')).toBe(
      true,
    )
    expect(
      shares({ email: 'liyouqin@qq.com' }, { email: 'liyouqin@163.com' }, 'dup_email_local'),
    ).toBe(true)
    expect(
      shares(
        { name: '李友琴', employer: '深圳市华信科技有限公司' },
        { name: '李友勤', employer: '华信科技（深圳）有限责任公司' },
        'dup_employer_surname',
      ),
    ).toBe(true)
  })

  it('one text under two fields gives two unrelated tokens', () => {
    expect(indexer.token('dup_mobile', '13812345678')).not.toBe(
      indexer.token('dup_number_last8', '13812345678'),
    )
  })

  it('no token contains a plain value, a normal form or a piece of one', () => {
    const values: DuplicateValues = {
      name: 'Li Youqin',
      mobile: '+86 138 1234 5678',
      phone: '010-87654321',
      email: 'li.youqin@qq.com',
      address: '广东省深圳市南山区科技园路12号',
      employer: 'Acme Trading Co., Ltd.',
      idNumber: '110105198001010011',
    }
    const keys = blockingKeysOf(indexer, values)
    expect(keys.length).toBeGreaterThanOrEqual(10)
    const inputs = blockingInputs(prepareValues(values)).map(([, normalised]) => normalised)
    const pieces = [
      ...Object.values(values),
      ...inputs,
      ...inputs.flatMap((input) => input.split(' ')),
      '13812345678',
      '12345678',
      '87654321',
      'liyouqin',
      'youqin',
      '南山区',
      '19800101',
    ].filter((piece) => piece.length >= 3)
    for (const { token } of keys) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      for (const piece of pieces) expect(token.toLowerCase()).not.toContain(piece.toLowerCase())
    }
  })
})
