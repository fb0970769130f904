import { describe, expect, it } from 'vitest'
import {
  jaroWinkler,
  levenshtein,
  normaliseAddress,
  normaliseEmail,
  normaliseEmployer,
  normalisePhone,
} from './similarity.js'

/** DQ-1: the similarity measure and the normal forms duplicates are compared in. */
describe('Jaro-Winkler (DQ-1)', () => {
  it('gives the published figures', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2)
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3)
  })

  it('is 1 for equal strings, 0 for nothing in common or an empty one', () => {
    expect(jaroWinkler('李友琴', '李友琴')).toBe(1)
    expect(jaroWinkler('abc', 'xyz')).toBe(0)
    expect(jaroWinkler('', 'abc')).toBe(0)
  })

  it('counts a Chinese character as one', () => {
    expect(jaroWinkler('李友琴', '李友勤')).toBeCloseTo(jaroWinkler('abc', 'abd'), 10)
  })
})

describe('Levenshtein (DQ-1)', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3)
    expect(levenshtein('南山区科技园路12号', '南山区科技园路12号3栋')).toBe(2)
    expect(levenshtein('', 'abc')).toBe(3)
  })
})

describe('normal forms (DQ-1)', () => {
  it('reads a mobile typed with +86, 0086, spaces, dashes or full-width digits as one number', () => {
    for (const typed of [
      '+86 138 1234 5678',
      '138-1234-5678',
      '0086 13812345678',
      '86-13812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(normalisePhone(typed)).toBe('13812345678')
    }
  })

  it('reads an address from its district on, 號 as 号, without spaces', () => {
    const forms = [
      '广东省深圳市南山区科技园路12号',
      '深圳市南山区科技园路12号',
      '南山区 科技园路 12 號',
      '广东深圳南山区科技园路１２号',
    ].map(normaliseAddress)
    for (const form of forms) expect(form).toEqual(forms[0])
    expect(forms[0]).toEqual({ tail: '南山区科技园路12号', district: '南山区', road: '科技园路' })
  })

  it('reads an employer without its legal form, city or bracketed city', () => {
    expect(normaliseEmployer('深圳市华信科技有限公司')).toBe('华信科技')
    expect(normaliseEmployer('华信科技（深圳）有限责任公司')).toBe('华信科技')
    expect(normaliseEmployer('Acme Trading Co., Ltd.')).toBe(normaliseEmployer('ACME TRADING'))
  })

  it('reads e-mail in one case and without a +tag', () => {
    expect(normaliseEmail(' Li.YouQin+shop@QQ.com ')).toEqual({
      full: 'li.youqin@qq.com',
      local: 'li.youqin',
    })
  })
})
