import { describe, expect, it } from 'vitest'
import { type DuplicateValues, prepareValues } from './duplicate-values.js'
import { REASON_WORDS } from './reason-words.js'
import { DEFAULT_SCORING, nameLevel, scoreBits, scorePair, scoringWith } from './score-pair.js'

/** DQ-1: pair scores from weighted field agreements, explained per field. */
const score = (a: DuplicateValues, b: DuplicateValues, scoring = DEFAULT_SCORING) =>
  scorePair(prepareValues(a), prepareValues(b), scoring)
const level = (a: string, b: string) => {
  const [x, y] = [prepareValues({ name: a }).name, prepareValues({ name: b }).name]
  if (!x || !y) throw new Error('no name')
  return nameLevel(x, y, DEFAULT_SCORING.similarAt)
}

describe('names (DQ-1)', () => {
  it('李友琴 and 李友勤 sound the same', () => {
    expect(level('李友琴', '李友勤')).toBe('pinyin')
  })

  it('swapped characters are the same name', () => {
    expect(level('李友琴', '李琴友')).toBe('swapped')
    expect(level('John Smith', 'Smith John')).toBe('swapped')
  })

  it('a Chinese name typed in pinyin, either order, is the same name', () => {
    expect(level('李友琴', 'Li Youqin')).toBe('pinyin')
    expect(level('李友琴', 'Youqin Li')).toBe('pinyin')
    expect(level('欧阳明', 'Ouyang Ming')).toBe('pinyin')
  })

  it('Latin names: case, accents, initials and typos', () => {
    expect(level('José Müller', 'JOSE MULLER')).toBe('same')
    expect(level('J. Smith', 'John Smith')).toBe('initials')
    expect(level('Jonathan Smith', 'Jonathon Smith')).toBe('similar')
    expect(level('John Smith', 'Mary Jones')).toBe('different')
  })

  it('one wrong character of a Chinese name is weak; a two-character name differing is another name', () => {
    expect(level('孙凯伟', '孙峰伟')).toBe('oneCharacter')
    expect(level('王娜', '王玉')).toBe('different')
  })
})

describe('pair scores (DQ-1)', () => {
  it('李友琴 / 李友勤 with one mobile, typed two ways, match', () => {
    const pair = score(
      { name: '李友琴', mobile: '+86 138-1234-5678' },
      { name: '李友勤', mobile: '13812345678' },
    )
    expect(pair.likelyDuplicate).toBe(true)
    expect(pair.reasons.map((reason) => reason.key)).toEqual(['mobile.same', 'name.pinyin'])
  })

  it('swapped characters at one address match', () => {
    const pair = score(
      { name: '李友琴', address: '广东省深圳市南山区科技园路12号' },
      { name: '李琴友', address: '南山区科技园路12號' },
    )
    expect(pair.likelyDuplicate).toBe(true)
    expect(pair.reasons.map((reason) => reason.key).sort()).toEqual([
      'address.same',
      'name.swapped',
    ])
  })

  it('reformatted phones match', () => {
    const pair = score(
      { name: 'Mary Jones', mobile: '0086 139 0000 1111' },
      { name: 'Mary Jones', mobile: '139-0000-1111' },
    )
    expect(pair.reasons.find((reason) => reason.field === 'mobile')?.key).toBe('mobile.same')
    expect(pair.likelyDuplicate).toBe(true)
  })

  it('a mobile one digit off, or with two neighbours swapped, is one digit apart', () => {
    const mobileOf = (a: string, b: string) =>
      score({ mobile: a }, { mobile: b }).reasons.find((reason) => reason.field === 'mobile')?.key
    expect(mobileOf('13812345678', '13812345679')).toBe('mobile.oneDigit')
    expect(mobileOf('13812345678', '13812345687')).toBe('mobile.oneDigit')
    expect(mobileOf('13812345678', '13812345600')).toBe('mobile.different')
  })

  it('two people of a common name and nothing else in common are not duplicates', () => {
    const pair = score(
      { name: '王伟', mobile: '13800000001', address: '北京市海淀区学院路1号', email: 'a@qq.com' },
      { name: '王伟', mobile: '13900000002', address: '上海市徐汇区中山路8号', email: 'b@163.com' },
    )
    expect(pair.likelyDuplicate).toBe(false)
    expect(pair.score).toBeLessThan(0.01)
  })

  it('a name alone, however exact, is not enough', () => {
    expect(score({ name: '王伟' }, { name: '王伟' }).likelyDuplicate).toBe(false)
  })

  it('a family at one home, sharing its landline, is not one person', () => {
    const home = { address: '北京市海淀区学院路1号3栋201室', phone: '010-12345678' }
    const pair = score(
      { name: '张明', mobile: '13800000001', ...home },
      { name: '张丽', mobile: '13800000002', ...home },
    )
    expect(pair.likelyDuplicate).toBe(false)
  })

  it('an ID number decides: the same one matches, two different ones do not', () => {
    expect(
      score(
        { name: '刘芳', idNumber: '110105198001010011' },
        { name: '刘芳芳', idNumber: '110105198001010011' },
      ).likelyDuplicate,
    ).toBe(true)
    expect(
      score(
        { name: '刘芳', mobile: '13800000001', idNumber: '110105198001010011' },
        { name: '刘芳', mobile: '13800000001', idNumber: '110105198502020022' },
      ).likelyDuplicate,
    ).toBe(false)
  })

  it('the reasons name the fields by words key, with their weights, and carry no value', () => {
    const a = {
      name: '李友琴',
      mobile: '13812345678',
      email: 'LYQ@qq.com',
      address: '南山区科技园路12号',
      employer: '华信科技有限公司',
    }
    const b = {
      name: '李友勤',
      mobile: '138 1234 5678',
      email: 'lyq@qq.com',
      address: '南山区科技园路12号',
      employer: '深圳市华信科技有限公司',
    }
    const pair = score(a, b)
    expect(new Set(pair.reasons.map((reason) => reason.field))).toEqual(
      new Set(['name', 'mobile', 'email', 'address', 'employer']),
    )
    for (const reason of pair.reasons) {
      expect(REASON_WORDS['zh-CN'][reason.key]).toBeTruthy()
      expect(REASON_WORDS.en[reason.key]).toBeTruthy()
      expect(reason.weight).toBe(
        (DEFAULT_SCORING.weights[reason.field] as Record<string, number>)[
          reason.key.split('.')[1] as string
        ],
      )
    }
    expect(REASON_WORDS['zh-CN']['name.pinyin']).toBe('姓名拼音相同')
    expect(REASON_WORDS['zh-CN']['mobile.same']).toBe('手机号相同')
    expect(pair.bits).toBeCloseTo(
      pair.reasons.reduce((sum, r) => sum + r.weight, DEFAULT_SCORING.prior),
    )
    const text = JSON.stringify(pair)
    for (const value of [...Object.values(a), ...Object.values(b), 'liyouqin', '12345678', 'lyq']) {
      expect(text).not.toContain(value)
    }
  })

  it('the bits without reasons are the bits with them', () => {
    const pairs: [DuplicateValues, DuplicateValues][] = [
      [
        { name: '李友琴', mobile: '13812345678' },
        { name: '李友勤', mobile: '13812345679', phone: '13812345678' },
      ],
      [
        { name: 'J. Smith', email: 'js@example.com', address: '南山区科技园路1号' },
        { name: 'John Smith', address: '南山区科技园路2号' },
      ],
      [
        { name: '王伟', idNumber: '110105198001010011' },
        { name: '王伟', birthDate: '1980-01-01' },
      ],
    ]
    for (const [a, b] of pairs) {
      expect(scoreBits(prepareValues(a), prepareValues(b))).toBe(score(a, b).bits)
    }
  })

  it('weights and the threshold are configurable', () => {
    const a = { name: '王伟', employer: '华信科技有限公司' }
    const b = { name: '王伟', employer: '华信科技有限公司' }
    expect(score(a, b).likelyDuplicate).toBe(false)
    const trusting = scoringWith({ weights: { employer: { same: 8 } } })
    expect(trusting.weights.employer).toEqual({ ...DEFAULT_SCORING.weights.employer, same: 8 })
    expect(trusting.weights.name).toBe(DEFAULT_SCORING.weights.name)
    expect(score(a, b, trusting).likelyDuplicate).toBe(true)
    expect(
      score(a, b, scoringWith({ threshold: 0.999, weights: { employer: { same: 8 } } }))
        .likelyDuplicate,
    ).toBe(false)
    expect(DEFAULT_SCORING.weights.employer.same).toBe(3)
  })
})
