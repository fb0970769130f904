import { describe, expect, it } from 'vitest'
import {
  isMaskingRule,
  MASKING_RULES,
  type MaskingRule,
  type MaskSubject,
  maskValue,
} from './masking.js'

describe('masking rules (CLS-4)', () => {
  it('recognises exactly the catalogue rules', () => {
    for (const rule of MASKING_RULES) expect(isMaskingRule(rule)).toBe(true)
    for (const other of ['', 'Name', 'mask', 'id_number', 'bank card']) {
      expect(isMaskingRule(other)).toBe(false)
    }
  })

  it.each<[MaskingRule, string | number, string]>([
    // none: the value as a string
    ['none', '张三', '张三'],
    ['none', 12345, '12345'],
    ['none', 0, '0'],
    // name: Chinese personal names keep the surname
    ['name', '张三', '张*'],
    ['name', '欧阳娜娜', '欧***'],
    ['name', '张', '*'],
    ['name', '甄士隐', '甄**'],
    ['name', '𠀾三', '𠀾*'],
    // name: a person's name in parts or longer than 4 keeps its first character and ***
    ['name', 'John Smith', 'J***'],
    ['name', 'Mary Ann Lee-Wong', 'M***'],
    ['name', 'Jo', 'J*'],
    ['name', 'A B', 'A***'],
    ['name', '阿卜杜热合曼·买买提', '阿***'],
    ['name', 'Muhammadali', 'M***'],
    ['name', '深圳市某某科技有限公司', '深***'], // a person's rule unless the record is an organisation's
    // id-number: first 6, last 4 (3 for 15 digits), else all stars under 10
    ['id-number', '110105194912310021', '110105********0021'],
    ['id-number', '44030419900101123X', '440304********123X'],
    ['id-number', '110105491231002', '110105******002'],
    ['id-number', 'E12345678', '*********'],
    ['id-number', 'G123456789', '**********'],
    ['id-number', 'M1234567890123', 'M12345****0123'],
    // mobile
    ['mobile', '13800138000', '138****8000'],
    ['mobile', 13912345678, '139****5678'],
    ['mobile', '85291234567890', '**********7890'],
    ['mobile', '6123456', '***3456'],
    ['mobile', '123456', '******'],
    // phone
    ['phone', '010-62345678', '010-******78'],
    ['phone', '0755-8888123', '0755-*****23'],
    ['phone', '62345678', '******78'],
    ['phone', '010-12', '010-**'],
    ['phone', '12', '**'],
    // email
    ['email', 'zhang.san@example.com', 'z***@example.com'],
    ['email', 'ab@example.com', 'a***@example.com'],
    ['email', 'a@example.com', '****@example.com'],
    ['email', '张三@例子.中国', '张***@例子.中国'],
    ['email', 'not-an-email', '***'],
    // address
    ['address', '北京市海淀区中关村大街1号', '北京市海淀区****'],
    ['address', '上海市浦东新区', '上海市浦东新区****'],
    ['address', '北京市海淀区', '北京市海淀区****'],
    ['address', '北京', '****'],
    // bank-card: always first 4, two star groups, last 4
    ['bank-card', '6222021234561234', '6222 **** **** 1234'],
    ['bank-card', '622202123456', '6222 **** **** 3456'],
    ['bank-card', '6222021234567890123', '6222 **** **** 0123'],
    ['bank-card', '12345678901', '**** 8901'],
    // bank-account
    ['bank-account', '6217000010001234567', '****4567'],
    ['bank-account', '12345678', '****5678'],
    ['bank-account', '1234567', '*******'],
    // credit-code
    ['credit-code', '91350100M000100Y43', '91************0Y43'],
    ['credit-code', '91440300MA5F001A', '****************'],
    // amount, text, hidden: never the value, never its length
    ['amount', 1_250_000, '***'],
    ['amount', '80000.50', '***'],
    ['amount', 0, '***'],
    ['text', '投资：某某理财产品 A 款 200 万', '***'],
    ['text', 'x', '***'],
    ['hidden', 'wechat_zhangsan', '***'],
  ])('%s masks %s as %s', (rule, value, masked) => {
    expect(maskValue(rule, value)).toBe(masked)
  })

  it.each(
    MASKING_RULES.map((rule): [MaskingRule, string] => [
      rule,
      rule === 'amount' || rule === 'text' || rule === 'hidden' ? '***' : '',
    ]),
  )('%s masks the empty string as %j', (rule, masked) => {
    expect(maskValue(rule, '')).toBe(masked)
  })

  it('counts code points, not UTF-16 units', () => {
    // 𠮷 is one character outside the BMP (two UTF-16 units).
    expect(maskValue('name', '𠮷𠮷')).toBe('𠮷*')
    expect(maskValue('address', '𠮷𠮷市𠮷𠮷区𠮷路')).toBe('𠮷𠮷市𠮷𠮷区****')
  })

  it('hides the length of amounts, text and addresses', () => {
    for (const rule of ['amount', 'text', 'hidden'] as const) {
      expect(maskValue(rule, 'a')).toBe(maskValue(rule, 'a much longer value than that'))
    }
    expect(maskValue('address', '北京市海淀区中关村大街1号')).toBe(
      maskValue('address', '北京市海淀区中关村大街1号院2号楼3单元401室'),
    )
  })

  it.each<[MaskSubject, string, string]>([
    // organisations longer than 8 keep the first 2 and the last 4
    ['organization', '深圳市某某科技有限公司', '深圳*****有限公司'],
    ['organization', '某某科技有限公司', '某*******'],
    ['organization', '某某某科技有限公司', '某某***有限公司'],
    // a person's name, however long, never like an organisation's (not `阿卜****·买买提`, `Mu*****dali`)
    ['person', '阿卜杜热合曼·买买提', '阿***'],
    ['person', 'Muhammadali', 'M***'],
    ['person', '张三', '张*'],
  ])('a %s name %s masks as %s', (subject, value, masked) => {
    expect(maskValue('name', value, subject)).toBe(masked)
  })

  it('does not tell how long a person’s name is past 4 characters, nor where its parts are', () => {
    const forms = ['欧阳娜娜', '阿卜杜热合曼·买买提', '司马相如某某', 'Muhammadali', 'Muhammad Ali']
    expect(new Set(forms.map((name) => maskValue('name', name).length))).toEqual(new Set([4]))
    expect(maskValue('name', '阿卜杜热合曼·买买提')).not.toContain('·')
    expect(maskValue('name', 'Muhammad Ali')).not.toContain(' ')
  })

  it.each([
    ['北京市海淀区中关村大街1号', '北京市海淀区****'],
    ['深圳市南山区金丝雀路8848号', '深圳市南山区****'],
    ['新疆维吾尔自治区乌鲁木齐市天山区解放北路1号', '新疆维吾尔自治区乌鲁木齐市天山区****'],
    ['内蒙古自治区呼和浩特市土默特左旗察素齐镇', '内蒙古自治区呼和浩特市土默特左旗****'],
    ['香港特别行政区中西区皇后大道中', '香港特别行政区中西区****'],
    ['湖北省神农架林区松柏镇', '湖北省神农架林区****'],
    ['河北省雄县', '河北省雄县****'],
    ['江苏省镇江市京口区', '江苏省镇江市京口区****'], // 镇 starting a name is no town
    ['广州市越秀区', '广州市越秀区****'],
    // no county-level name: up to the city, never the town or the street
    ['江苏省昆山市玉山镇新市街', '江苏省昆山市****'],
    ['广东省东莞市长安镇', '广东省东莞市****'],
    ['云南省西双版纳傣族自治州景洪市勐罕镇', '云南省西双版纳傣族自治州景洪市****'],
    // nothing administrative recognised: nothing shown
    ['北京市朝阳区望京花园小区3号楼', '北京市朝阳区****'],
    ['阳光小区5栋', '****'],
    ['某某路123号', '****'],
    ['1 Queen’s Road Central, Hong Kong', '****'],
  ])('an address %s keeps no more than the district: %s', (address, masked) => {
    expect(maskValue('address', address)).toBe(masked)
  })

  it('fails closed on a rule it does not know', () => {
    expect(maskValue('secret' as MaskingRule, '13800138000')).toBe('***')
  })

  it('never returns the plain value for a masking rule', () => {
    const samples = ['110105194912310021', '13800138000', '6222021234561234', '张三']
    for (const rule of MASKING_RULES.filter((r) => r !== 'none')) {
      for (const sample of samples) expect(maskValue(rule, sample)).not.toBe(sample)
    }
  })
})
