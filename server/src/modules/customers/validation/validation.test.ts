import { describe, expect, it } from 'vitest'
import { findAuthenticationData, looksLikeCardWithExpiry } from './authentication-data.js'
import { checkDivisionCode, PROVINCE_CODES } from './division-codes.js'
import {
  checkCreditCode,
  checkIdNumber,
  isValidBankNumber,
  isValidCardNumber,
  isValidCreditCode,
  isValidEmail,
  isValidIdNumber,
  isValidMobile,
} from './identity-numbers.js'
import {
  normaliseCreditCode,
  normaliseDigits,
  normaliseEmail,
  normaliseIdNumber,
  normaliseMobile,
  normaliseName,
  normaliseText,
} from './normalise.js'

describe('normalisation (CUS-2)', () => {
  it('turns full-width text and the ideographic space into half-width, one space per run', () => {
    expect(normaliseText('　ＡＢＣ　１２３，　张三  \t李四 ')).toBe('ABC 123, 张三 李四')
    expect(normaliseText('（北京）')).toBe('(北京)')
  })

  it('strips separators and the country code from mobiles', () => {
    expect(normaliseMobile('+86 138-0013-8000')).toBe('13800138000')
    expect(normaliseMobile('0086 (138) 0013 8000')).toBe('13800138000')
    expect(normaliseMobile('8613800138000')).toBe('13800138000')
    expect(normaliseMobile('１３８００１３８０００')).toBe('13800138000')
    expect(normaliseMobile('＋８６ １３８ ００１３ ８０００')).toBe('13800138000')
    // 86 followed by fewer than 11 digits is part of the number, not a country code
    expect(normaliseMobile('8613800')).toBe('8613800')
  })

  it('lower-cases e-mail addresses and Latin names', () => {
    expect(normaliseEmail(' Zhang.San@Example.COM ')).toBe('zhang.san@example.com')
    expect(normaliseEmail('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ')).toBe('zhang@example.cn')
    expect(normaliseName('  John   SMITH ')).toBe('john smith')
    expect(normaliseName('张三')).toBe('张三')
  })

  it('upper-cases identity numbers and credit codes without spaces', () => {
    expect(normaliseIdNumber('110105 19491231 002x')).toBe('11010519491231002X')
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
    expect(normaliseCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43')
  })

  it('keeps only the digits of bank card and account numbers', () => {
    expect(normaliseDigits('6222 0212-3456 7890')).toBe('6222021234567890')
    expect(normaliseDigits('６２２２　０２１２')).toBe('62220212')
  })
})

describe('isValidIdNumber (GB 11643-1999)', () => {
  const today = new Date(2024, 5, 15) // 2024-06-15, local time

  it('accepts 18-character numbers with a correct MOD 11-2 check character', () => {
    for (const id of [
      '11010519491231002X',
      '44030419900307123X',
      '310101200002294569', // 29 February in a leap year
      '510108198506150018',
    ]) {
      expect(isValidIdNumber(id, today), id).toBe(true)
    }
  })

  it('accepts a lower-case x once normalised', () => {
    expect(isValidIdNumber('11010519491231002x', today)).toBe(false)
    expect(isValidIdNumber(normaliseIdNumber('11010519491231002x'), today)).toBe(true)
  })

  it('refuses a wrong check character', () => {
    expect(isValidIdNumber('110105194912310021', today)).toBe(false)
    expect(isValidIdNumber('510108198506150019', today)).toBe(false)
  })

  it('refuses impossible, too early and future birth dates even with a correct check', () => {
    expect(isValidIdNumber('110105199002300028', today)).toBe(false) // 30 February
    expect(isValidIdNumber('110105189912310007', today)).toBe(false) // before 1900
    expect(isValidIdNumber('110105202406160011', today)).toBe(false) // tomorrow
    expect(isValidIdNumber('110105202406150016', today)).toBe(true) // born today
  })

  it('refuses malformed numbers', () => {
    expect(isValidIdNumber('01010519491231002X', today)).toBe(false) // leading 0
    expect(isValidIdNumber('1101051949123100X2', today)).toBe(false)
    expect(isValidIdNumber('11010519491231002', today)).toBe(false)
    expect(isValidIdNumber('', today)).toBe(false)
  })

  it('accepts legacy 15-digit numbers with a real 19YYMMDD birth date', () => {
    expect(isValidIdNumber('110105491231002', today)).toBe(true)
    expect(isValidIdNumber('110105960229002', today)).toBe(true) // 1996 is a leap year
  })

  it('refuses legacy numbers with an impossible date', () => {
    expect(isValidIdNumber('110105490230002', today)).toBe(false)
    expect(isValidIdNumber('110105000229002', today)).toBe(false) // 1900 was not a leap year
    expect(isValidIdNumber('110105491301002', today)).toBe(false)
    expect(isValidIdNumber('11010549123100X', today)).toBe(false)
  })

  it('uses the current date by default', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
  })
})

describe('isValidCreditCode (GB 32100-2015)', () => {
  it('accepts codes with a correct MOD 31 check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe('valid')
    expect(isValidCreditCode('91110000600037341L')).toBe('valid')
    expect(isValidCreditCode('91440300MA5FXXXX0U')).toBe('valid')
  })

  it('tells a wrong check character apart from a malformed code', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe('checksum')
    expect(isValidCreditCode('91350100M000100Y4A')).toBe('checksum')
  })

  it('refuses letters outside the alphabet and wrong lengths', () => {
    expect(isValidCreditCode('91350100MI00100Y43')).toBe('invalid') // I
    expect(isValidCreditCode('91350100MO00100Y43')).toBe('invalid') // O
    expect(isValidCreditCode('91350100M000100Y4S')).toBe('invalid') // S as check character
    expect(isValidCreditCode('91350100m000100y43')).toBe('invalid') // not normalised
    expect(isValidCreditCode('91350100M000100Y4')).toBe('invalid')
    expect(isValidCreditCode('91350100M000100Y433')).toBe('invalid')
    expect(isValidCreditCode(normaliseCreditCode('９１３５０１００ｍ０００１００ｙ４３'))).toBe(
      'valid',
    )
  })
})

describe('address codes (GB/T 2260) in ID numbers and credit codes', () => {
  const today = new Date(2024, 5, 15)

  it('knows the province-level codes and the codes of every revision shipped', () => {
    expect([...PROVINCE_CODES].sort().join(' ')).toBe(
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83',
    )
    expect(checkDivisionCode('110105')).toBe('known') // 朝阳区, current
    expect(checkDivisionCode('110103')).toBe('known') // 崇文区, abolished 2010
    expect(checkDivisionCode('110221')).toBe('known') // 昌平县, a district since 1999
    expect(checkDivisionCode('142200')).toBe('known') // 忻州地区, a city since 2000
    expect(checkDivisionCode('540600')).toBe('known') // 那曲市, since 2017
    expect(checkDivisionCode('110199')).toBe('unknown')
    expect(checkDivisionCode('700542')).toBe('not-a-province')
    expect(checkDivisionCode('100105')).toBe('not-a-province')
    expect(checkDivisionCode('11010')).toBe('not-a-province')
  })

  it('refuses an ID number whose first two digits are no province, even with a correct check character', () => {
    expect(isValidIdNumber('700542197909139177', today)).toBe(true) // form and checksum alone pass
    expect(checkIdNumber('700542197909139177', today)).toBe('not-a-province')
    expect(checkIdNumber('100105198001010014', today)).toBe('not-a-province')
    expect(checkIdNumber('700542800101001', today)).toBe('not-a-province') // 15 digits
  })

  it('accepts current and historical address codes, warns on an unknown one', () => {
    expect(checkIdNumber('11010519491231002X', today)).toBe('valid')
    expect(checkIdNumber('110103198001010013', today)).toBe('valid') // 崇文区
    expect(checkIdNumber('14220119750315002X', today)).toBe('valid') // 忻州地区忻州市
    expect(checkIdNumber('110221800101001', today)).toBe('valid') // 昌平县, 15 digits
    expect(checkIdNumber('110199198001010016', today)).toBe('region-unknown')
    expect(checkIdNumber('110299800101001', today)).toBe('region-unknown')
    expect(checkIdNumber('110105194912310021', today)).toBe('invalid') // wrong check character
  })

  it('checks a credit code’s registration authority and organisation category (GB 32100 表1)', () => {
    expect(checkCreditCode('91440300MA5F00001A')).toEqual({ warnings: [] }) // 9 工商, 1 企业
    expect(checkCreditCode('92440300MA5F000017')).toEqual({ warnings: [] }) // 9 工商, 2 个体工商户
    expect(checkCreditCode('Y1110108MA01ABCDE1')).toEqual({ warnings: [] }) // Y 其他, 1
    expect(checkCreditCode('N2110103MA01ABCDEX')).toEqual({ warnings: [] }) // N 农业, 2 村级
    expect(checkCreditCode('94440300MA5F000011')).toEqual({ refused: 'authority' }) // 工商 has no 4
    expect(checkCreditCode('B1440300MA5F000018')).toEqual({ refused: 'authority' }) // no authority B
  })

  it('checks a credit code’s region: central 100000, current, historical; no province refused', () => {
    expect(checkCreditCode('11100000000013127D')).toEqual({ warnings: [] }) // 机关, 中央
    expect(checkCreditCode('511000005000000007')).toEqual({ warnings: [] }) // 社会团体, 中央
    expect(checkCreditCode('91700542MA5F000013')).toEqual({ refused: 'not-a-province' })
    expect(checkCreditCode('91440399MA5F00001P')).toEqual({ warnings: ['region-unknown'] })
    expect(checkCreditCode('91440300MA5F00001B')).toEqual({ warnings: ['checksum'] })
    expect(checkCreditCode('91440300MA5F0000IO')).toEqual({ refused: 'invalid' })
  })
})

describe('contact and account numbers', () => {
  it('accepts mainland mobiles once normalised', () => {
    expect(isValidMobile(normaliseMobile('+86 138 0013 8000'))).toBe(true)
    expect(isValidMobile(normaliseMobile('１３８００１３８０００'))).toBe(true)
    expect(isValidMobile('19912345678')).toBe(true)
    expect(isValidMobile('12800138000')).toBe(false) // 12x is not a mobile prefix
    expect(isValidMobile('1380013800')).toBe(false)
    expect(isValidMobile('+8613800138000')).toBe(false) // not normalised
    expect(isValidMobile('010-12345678')).toBe(false)
  })

  it('accepts pragmatic e-mail addresses', () => {
    expect(isValidEmail('zhang.san@example.com')).toBe(true)
    expect(isValidEmail('li+crm@mail.example-bank.com.cn')).toBe(true)
    expect(isValidEmail('zhang@localhost')).toBe(false)
    expect(isValidEmail('zhang san@example.com')).toBe(false)
    expect(isValidEmail('zhang@@example.com')).toBe(false)
    expect(isValidEmail('a@b@example.com')).toBe(false)
    expect(isValidEmail('@example.com')).toBe(false)
    expect(isValidEmail('zhang@exa_mple.com')).toBe(false)
    expect(isValidEmail('zhang@-example.com')).toBe(false)
    expect(isValidEmail(`${'a'.repeat(243)}@example.com`)).toBe(false) // 255 characters
    expect(isValidEmail(`${'a'.repeat(242)}@example.com`)).toBe(true) // 254 characters
  })

  it('accepts bank account numbers of 8 to 30 digits', () => {
    expect(isValidBankNumber(normaliseDigits('3100 1234 5678 9012 3456'))).toBe(true)
    expect(isValidBankNumber('12345678')).toBe(true)
    expect(isValidBankNumber('1234567')).toBe(false)
    expect(isValidBankNumber('1'.repeat(31))).toBe(false)
    expect(isValidBankNumber('1234 5678')).toBe(false)
  })

  it('accepts card numbers of 13 to 19 digits without a Luhn check', () => {
    expect(isValidCardNumber(normaliseDigits('6222 0212 3456 7890 123'))).toBe(true)
    expect(isValidCardNumber('6222021234567891')).toBe(true) // fails Luhn, still accepted
    expect(isValidCardNumber('622202123456')).toBe(false)
    expect(isValidCardNumber('62220212345678901234')).toBe(false)
    expect(isValidCardNumber('6222-0212-3456-7890')).toBe(false)
  })
})

describe('authentication data (JR/T 0171 C3)', () => {
  it('finds authentication keys wherever they sit, by dotted path', () => {
    const body = {
      name: '张三',
      Password: 'x',
      bankCards: [
        { number: '6222021234567890', CVV: '123', expiry_date: '12/27' },
        { number: '6222021234567891', 'card-expiry': '01/28' },
      ],
      contact: { login: { pin_block: 'ab', PWD: 'y' } },
      extra: { valid_thru: '12/27', security_code: '999', cvc2: '1', cav2: '2', cvn: '3' },
    }
    expect(findAuthenticationData(body).sort()).toEqual(
      [
        'Password',
        'bankCards.0.CVV',
        'bankCards.0.expiry_date',
        'bankCards.1.card-expiry',
        'contact.login.PWD',
        'contact.login.pin_block',
        'extra.cav2',
        'extra.cvc2',
        'extra.cvn',
        'extra.security_code',
        'extra.valid_thru',
      ].sort(),
    )
  })

  it('finds nothing in a clean body', () => {
    const body = {
      name: '张三',
      mobile: '13800138000',
      idNumber: '11010519491231002X',
      bankCards: [{ number: '6222021234567890', bank: '工商银行', pinyin: 'gongshang' }],
      notes: ['password reset requested'],
      expiryReminder: true,
      pinned: false,
    }
    expect(findAuthenticationData(body)).toEqual([])
    expect(findAuthenticationData(null)).toEqual([])
    expect(findAuthenticationData('cvv')).toEqual([])
    expect(findAuthenticationData([{ cvv: '1' }])).toEqual(['0.cvv'])
  })

  it('stops at the depth limit', () => {
    const deep = { a: { b: { c: { d: { e: { cvv: '1', f: { cvv: '2' } } } } } } }
    expect(findAuthenticationData(deep)).toEqual(['a.b.c.d.e.cvv'])
  })

  it('spots a card number pasted with its expiry date', () => {
    expect(looksLikeCardWithExpiry('6222021234567890123 12/27')).toBe(true)
    expect(looksLikeCardWithExpiry('card 6222021234567890|12/2027 thanks')).toBe(true)
    expect(looksLikeCardWithExpiry('6222021234567890, 01/28')).toBe(true)
    expect(looksLikeCardWithExpiry('6222021234567890/01/28')).toBe(true)
    expect(looksLikeCardWithExpiry('６２２２０２１２３４５６７８９０　１２／２７')).toBe(true)
  })

  it('leaves ordinary text alone', () => {
    expect(looksLikeCardWithExpiry('6222021234567890')).toBe(false)
    expect(looksLikeCardWithExpiry('6222021234567890 13/27')).toBe(false) // no month 13
    expect(looksLikeCardWithExpiry('622202123456 12/27')).toBe(false) // too short for a card
    expect(looksLikeCardWithExpiry('62220212345678901234 12/27')).toBe(false) // too long
    expect(looksLikeCardWithExpiry('6222021234567890 12/2')).toBe(false)
    expect(looksLikeCardWithExpiry('622202123456789012/27')).toBe(false) // no separator
    expect(looksLikeCardWithExpiry('meeting on 12/27 about account 6222021234567890')).toBe(false)
  })
})
