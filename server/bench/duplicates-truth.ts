/**
 * DQ-1: a generated set of customer records with known duplicates, for the
 * likely-duplicate benchmark (duplicates.bench.ts). Seeded and
 * deterministic: one seed, one set.
 *
 * People are drawn first — Chinese names from common surnames (by their
 * frequency) and given-name characters (by a Zipf law), Latin names, mobiles,
 * landlines, e-mail, addresses in real districts, employers, ID numbers —
 * then each person gets one record, and some get a second or a third, typed
 * again by someone else: homophones (琴/勤, 明/铭), swapped characters, the
 * name in pinyin, Latin typos, transpositions and initials, phones with +86,
 * spaces and dashes, addresses with the province or city left out, 號 for
 * 号, spaces, e-mail in another case, and now and then a changed mobile, a
 * move, another job, a field left empty.
 *
 * Precision is tested by people who are not duplicates and look like one:
 * namesakes (the same full name, nothing else shared), homophone namesakes,
 * family members (same surname and address, sometimes the same landline or
 * mobile), colleagues of one surname at one employer, besides the namesakes
 * the name pools give by themselves (王伟 is common).
 */
import { pinyin } from 'pinyin-pro'
import type { DuplicateRecord, DuplicateValues } from '../src/modules/duplicates/index.js'

export type TruthSet = {
  records: DuplicateRecord[]
  /** The person each record is of (same index as `records`). */
  personOf: Int32Array
  /** How each person came to be: 'plain', 'namesake', 'homophone-namesake', 'family', 'colleague'. */
  kindOf: string[]
  people: number
}

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

// Surnames with their share in percent (approximately, of the population).
const SURNAMES: [string, number][] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.7],
  ['刘', 5.4],
  ['陈', 4.5],
  ['杨', 3.1],
  ['黄', 2.2],
  ['赵', 2.0],
  ['吴', 2.0],
  ['周', 1.9],
  ['徐', 1.5],
  ['孙', 1.5],
  ['马', 1.2],
  ['朱', 1.2],
  ['胡', 1.1],
  ['郭', 1.1],
  ['何', 1.0],
  ['林', 1.0],
  ['高', 1.0],
  ['罗', 0.9],
  ['郑', 0.8],
  ['梁', 0.8],
  ['谢', 0.7],
  ['宋', 0.6],
  ['唐', 0.6],
  ['许', 0.6],
  ['韩', 0.6],
  ['冯', 0.6],
  ['邓', 0.5],
  ['曹', 0.5],
  ['彭', 0.5],
  ['曾', 0.5],
  ['肖', 0.5],
  ['田', 0.5],
  ['董', 0.5],
  ['袁', 0.4],
  ['潘', 0.4],
  ['于', 0.4],
  ['蒋', 0.4],
  ['蔡', 0.4],
  ['余', 0.4],
  ['杜', 0.4],
  ['叶', 0.4],
  ['程', 0.4],
  ['苏', 0.3],
  ['魏', 0.3],
  ['吕', 0.3],
  ['丁', 0.3],
  ['任', 0.3],
  ['沈', 0.3],
  ['姚', 0.3],
  ['卢', 0.3],
  ['姜', 0.3],
  ['崔', 0.3],
  ['钟', 0.3],
  ['谭', 0.3],
  ['陆', 0.3],
  ['汪', 0.3],
  ['范', 0.3],
  ['金', 0.3],
  ['单', 0.05],
  ['欧阳', 0.05],
  ['司马', 0.02],
  ['诸葛', 0.01],
  ['上官', 0.01],
]

// Given-name characters, most common first; homophones among them on purpose.
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏建文辉力俊峰琴婷雪梅丹玲斌宇浩凯健晨欣怡佳琳颖倩慧莉燕兰凤洁蓉薇晶岩海飞亮林波宁成龙东旭阳鑫博思睿子涵梓轩泽诗雨嘉可馨一若心晓永国志春金立新德福友荣利清云彬铭勤芹鸣玮炜婧靖俐桦君钧婕霖庭亭锋丰晖骏峻羽语韬雯闻民珉蕾洲舟帆凡楠南瑶遥璐露茜瑞锐寒萱宣学岚澜枫容菁京妍颜彦雁朋鸿宏虹滨恺辰臣家莹营玫美'

const GIVEN_HOMOPHONES: Map<string, string[]> = (() => {
  const bySound = new Map<string, string[]>()
  for (const character of GIVEN) {
    const sound = pinyin(character, { toneType: 'none' })
    bySound.set(sound, [...(bySound.get(sound) ?? []), character])
  }
  const homophones = new Map<string, string[]>()
  for (const group of bySound.values()) {
    for (const character of group) {
      const others = group.filter((other) => other !== character)
      if (others.length > 0) homophones.set(character, others)
    }
  }
  return homophones
})()

const LATIN_FIRST =
  'John Mary James Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Paul Sandra Steven Ashley Andrew Emily Kenneth Donna Joshua Michelle Kevin Carol Brian Amanda George Melissa Timothy Deborah Ronald Stephanie Jason Rebecca Edward Laura Jeffrey Helen Ryan Sharon Jacob Cynthia Gary Kathleen Nicholas Amy Eric Shirley Jonathan Anna Stephen Angela Larry Ruth Justin Brenda Scott Pamela Frank Nicole Benjamin Katherine Gregory Virginia Samuel Catherine Raymond Christine Patrick Samantha Alexander Debra Jack Janet Dennis Rachel Jerry Carolyn Tyler Emma José María François Zoë Søren Chloé Björn Renée André Élodie Jürgen Inès Noël Hélène Ángel Łukasz Raphaël'.split(
    ' ',
  )
const LATIN_LAST =
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Dubois Lefèvre Moreau Laurent Girard Rossi Russo Ferrari Esposito Bianchi Novák Kowalski Nowak Wiśniewski Jensen Nielsen Hansen Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsen Petrov Ivanov Smirnov Popescu Yılmaz Kaya Demir Şahin Çelik'.split(
    ' ',
  )

const CITIES: [string, string, string[]][] = [
  ['', '北京市', ['海淀区', '朝阳区', '东城区', '西城区', '丰台区', '昌平区', '通州区']],
  ['', '上海市', ['浦东新区', '徐汇区', '静安区', '黄浦区', '闵行区', '长宁区', '普陀区']],
  ['', '天津市', ['和平区', '河西区', '南开区', '滨海新区']],
  ['', '重庆市', ['渝中区', '江北区', '沙坪坝区', '九龙坡区']],
  ['广东省', '广州市', ['天河区', '越秀区', '海珠区', '番禺区', '白云区']],
  ['广东省', '深圳市', ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区']],
  ['浙江省', '杭州市', ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区']],
  ['江苏省', '南京市', ['玄武区', '鼓楼区', '建邺区', '秦淮区', '江宁区']],
  ['江苏省', '苏州市', ['姑苏区', '吴中区', '相城区', '昆山县']],
  ['四川省', '成都市', ['锦江区', '青羊区', '武侯区', '成华区', '金牛区']],
  ['湖北省', '武汉市', ['江汉区', '武昌区', '洪山区', '汉阳区']],
  ['陕西省', '西安市', ['雁塔区', '碑林区', '莲湖区', '未央区']],
  ['福建省', '福州市', ['鼓楼区', '台江区', '仓山区', '晋安区']],
  ['山东省', '青岛市', ['市南区', '市北区', '崂山区', '黄岛区']],
]

const ROADS =
  '中山 人民 解放 建设 和平 科技园 学院 长江 黄河 文化 新华 胜利 东风 朝阳 幸福 光明 青年 南京 北京 延安 公园 滨河 环城 振兴 友谊 团结 工业 花园 民主 育才 复兴 淮海 金融 创业 迎宾 体育 湖滨 江滨 望江 府前 车站 沿江 锦绣 春晓 丽景 紫荆 玉兰 银杏 梧桐 枫林 翠湖 明珠 天府 龙华 凤凰 白云 西湖 东湖 南湖'.split(
    ' ',
  )
const ROAD_KINDS = ['路', '路', '路', '大街', '大道', '街']

const BRANDS =
  '华信 博远 恒通 瑞丰 启明 金桥 天成 宏达 鼎盛 永安 中泰 新元 汇丰 佳和 远航 星辰 海纳 云帆 宇恒 德信 君安 盛世 和谐 东方 南方 北辰 西湖 长城 凯旋 嘉禾 锦程 腾飞 创新 卓越 优品 易达 安捷 迅捷 万通 百川'.split(
    ' ',
  )
const TRADES = [
  '科技',
  '电子',
  '贸易',
  '实业',
  '网络',
  '信息技术',
  '建筑工程',
  '物流',
  '餐饮管理',
  '医疗器械',
  '教育咨询',
  '文化传媒',
  '生物医药',
  '新能源',
  '投资管理',
]
const PUBLIC_EMPLOYERS = [
  '中国工商银行',
  '中国建设银行',
  '中国银行',
  '招商银行',
  '人民医院',
  '第一中学',
  '师范大学',
  '税务局',
  '电力公司',
  '中国移动',
]
const LATIN_EMPLOYERS = [
  'Acme Trading Co., Ltd.',
  'Globex Corporation',
  'Initech Inc.',
  'Umbrella Consulting Limited',
  'Stark Industries LLC',
  'Wayne Enterprises',
  'Hooli Technology Co., Ltd.',
  'Vandelay Imports',
  'Soylent Foods Limited',
  'Cyberdyne Systems Inc.',
]

const EMAIL_DOMAINS = [
  'qq.com',
  '163.com',
  '126.com',
  'gmail.com',
  'sina.com',
  'hotmail.com',
  'outlook.com',
  'foxmail.com',
  'yahoo.com',
  'icloud.com',
]
const MOBILE_PREFIXES =
  '130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 166 176 177 180 181 182 183 185 186 187 188 189 199'.split(
    ' ',
  )
const AREA_CODES = [
  '010',
  '021',
  '022',
  '023',
  '020',
  '0755',
  '0571',
  '025',
  '0512',
  '028',
  '027',
  '029',
  '0591',
  '0532',
]
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

type Person = {
  han: boolean
  surname: string
  given: string
  latinFirst: string
  latinLast: string
  mobile?: string
  phone?: string
  email?: string
  address?: {
    province: string
    city: string
    district: string
    road: string
    number: number
    unit?: string
  }
  employer?: { city: string; core: string; suffix: string; latin: boolean }
  idNumber: string
}

export function generateTruthSet(seed: number, recordTarget = 100_000): TruthSet {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const chance = (p: number) => random() < p
  const digits = (count: number) => {
    let text = ''
    for (let i = 0; i < count; i++) text += Math.floor(random() * 10)
    return text
  }
  const surnameTotal = SURNAMES.reduce((sum, [, share]) => sum + share, 0)
  const drawSurname = () => {
    let at = random() * surnameTotal
    for (const [surname, share] of SURNAMES) {
      at -= share
      if (at <= 0) return surname
    }
    return '王'
  }
  // Zipf over the given-name characters: the first few are very common.
  const givenCharacters = [...GIVEN]
  const zipf = givenCharacters.map((_, rank) => 1 / (rank + 1) ** 0.9)
  const zipfTotal = zipf.reduce((sum, weight) => sum + weight, 0)
  const drawGiven = () => {
    let at = random() * zipfTotal
    for (let rank = 0; rank < zipf.length; rank++) {
      at -= zipf[rank] as number
      if (at <= 0) return givenCharacters[rank] as string
    }
    return givenCharacters[0] as string
  }
  const givenName = () => (chance(0.3) ? drawGiven() : drawGiven() + drawGiven())
  // A mobile number and an e-mail address have one holder (a family may share a mobile, below).
  const taken = new Set<string>()
  const unique = (draw: () => string) => {
    for (;;) {
      const value = draw()
      if (!taken.has(value)) {
        taken.add(value)
        return value
      }
    }
  }
  const newMobile = () => unique(() => pick(MOBILE_PREFIXES) + digits(8))
  const newPhone = () => `${pick(AREA_CODES)}${digits(8)}`
  const newAddress = (): NonNullable<Person['address']> => {
    const [province, city, districts] = pick(CITIES)
    return {
      province,
      city,
      district: pick(districts),
      road: pick(ROADS) + pick(ROAD_KINDS),
      number: 1 + Math.floor(random() * 300),
      unit: chance(0.5)
        ? `${1 + Math.floor(random() * 20)}栋${1 + Math.floor(random() * 30)}0${1 + Math.floor(random() * 4)}室`
        : undefined,
    }
  }
  const newEmployer = (): NonNullable<Person['employer']> => {
    if (chance(0.08)) return { city: '', core: pick(LATIN_EMPLOYERS), suffix: '', latin: true }
    if (chance(0.15)) {
      const [, city] = pick(CITIES)
      return { city, core: pick(PUBLIC_EMPLOYERS), suffix: '', latin: false }
    }
    const [, city] = pick(CITIES)
    return { city, core: pick(BRANDS) + pick(TRADES), suffix: '有限公司', latin: false }
  }
  const newIdNumber = () => {
    const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(random() * 55 * 365) * 86_400_000)
    const body = `${pick(['110105', '310104', '440305', '330106', '320102', '510104'])}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${digits(3)}`
    const sum = ID_WEIGHTS.reduce((total, w, k) => total + w * Number(body[k]), 0)
    return body + ('10X98765432'[sum % 11] as string)
  }
  const pinyinLocal = (person: Person) =>
    person.han
      ? pinyin(person.surname + person.given, { toneType: 'none', separator: '' }).replace(
          /\s/g,
          '',
        )
      : `${person.latinFirst}.${person.latinLast}`
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .toLowerCase()
  const newEmail = (person: Person) => unique(() => drawEmail(person))
  const drawEmail = (person: Person) => {
    const domain = pick(EMAIL_DOMAINS)
    if (domain === 'qq.com' && chance(0.7))
      return `${1 + Math.floor(random() * 9)}${digits(8)}@qq.com`
    const local = chance(0.7)
      ? `${pinyinLocal(person)}${chance(0.6) ? digits(chance(0.5) ? 2 : 4) : ''}`
      : `user${digits(6)}`
    return `${local}@${domain}`
  }
  const newPerson = (han: boolean): Person => {
    const person: Person = {
      han,
      surname: drawSurname(),
      given: givenName(),
      latinFirst: pick(LATIN_FIRST),
      latinLast: pick(LATIN_LAST),
      idNumber: newIdNumber(),
    }
    if (chance(0.92)) person.mobile = newMobile()
    if (chance(0.2)) person.phone = newPhone()
    if (chance(0.88)) person.address = newAddress()
    if (chance(0.65)) person.employer = newEmployer()
    if (chance(0.6)) person.email = newEmail(person)
    return person
  }

  // --- formatting, the same person typed by another hand ---
  const formatMobile = (mobile: string) => {
    const a = mobile.slice(0, 3)
    const b = mobile.slice(3, 7)
    const c = mobile.slice(7)
    return pick([
      mobile,
      mobile,
      `+86 ${a} ${b} ${c}`,
      `+86${mobile}`,
      `${a}-${b}-${c}`,
      `${a} ${b} ${c}`,
      `0086 ${mobile}`,
      `86-${mobile}`,
      [...mobile].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''),
    ])
  }
  const formatPhone = (phone: string) => {
    const area = phone.slice(0, phone.length - 8)
    const number = phone.slice(-8)
    return pick([
      phone,
      `${area}-${number}`,
      `(${area})${number}`,
      `${area} ${number.slice(0, 4)} ${number.slice(4)}`,
      number,
    ])
  }
  const formatAddress = (address: NonNullable<Person['address']>, retyped: boolean) => {
    const rest = `${address.road}${address.number}号${address.unit ?? ''}`
    if (!retyped) return `${address.province}${address.city}${address.district}${rest}`
    const variant = Math.floor(random() * 7)
    const strip = (text: string) => text.replace(/[省市]$/u, '')
    let text =
      variant === 0
        ? `${address.city}${address.district}${rest}`
        : variant === 1
          ? `${address.district}${rest}`
          : variant === 2
            ? `${strip(address.province)}${strip(address.city)}${address.district}${rest}`
            : `${address.province}${address.city}${address.district}${rest}`
    if (chance(0.3)) text = text.replace('号', '號')
    if (chance(0.3))
      text = text
        .replace(address.district, `${address.district} `)
        .replace(address.road, `${address.road} `)
    if (chance(0.15)) text = text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    if (address.unit && chance(0.15)) text = text.replace(/室$/u, '')
    return text
  }
  const formatEmployer = (employer: NonNullable<Person['employer']>, retyped: boolean) => {
    if (employer.latin) {
      if (!retyped) return employer.core
      return pick([
        employer.core,
        employer.core.toUpperCase(),
        employer.core.replace(/,? ?(Co\., Ltd\.|Inc\.|Limited|LLC|Corporation)$/u, ''),
      ])
    }
    const full = `${employer.city}${employer.core}${employer.suffix}`
    if (!retyped) return full
    const variant = Math.floor(random() * 5)
    if (variant === 0) return `${employer.core}${employer.suffix}`
    if (variant === 1 && employer.suffix) return `${employer.city}${employer.core}有限责任公司`
    if (variant === 2)
      return `${employer.core}（${employer.city.replace(/市$/u, '')}）${employer.suffix}`
    return full
  }
  const formatEmail = (email: string, retyped: boolean) => {
    if (!retyped || !chance(0.4)) return email
    return pick([
      email.toUpperCase(),
      email.replace(/^./, (c) => c.toUpperCase()),
      ` ${email} `,
      email.replace('@', '@').replace(/\.com$/, '.COM'),
    ])
  }

  // --- errors a second record of a person brings ---
  const typo = (word: string) => {
    const letters = [...word]
    const at = Math.floor(random() * letters.length)
    const letter = String.fromCharCode(97 + Math.floor(random() * 26))
    const kind = Math.floor(random() * 3)
    if (kind === 0) letters[at] = letter
    else if (kind === 1 && letters.length > 3) letters.splice(at, 1)
    else letters.splice(at, 0, letter)
    return letters.join('')
  }
  const transpose = (word: string) => {
    if (word.length < 3) return word
    const at = 1 + Math.floor(random() * (word.length - 2))
    return word.slice(0, at) + (word[at + 1] as string) + (word[at] as string) + word.slice(at + 2)
  }
  const stripAccents = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '')
  const hanNameOf = (person: Person, retyped: boolean) => {
    const given = [...person.given]
    if (!retyped) return person.surname + person.given
    const roll = random()
    if (roll < 0.2) {
      // Homophone: one given character typed as another of the same sound.
      const candidates = given
        .map((c, i) => [i, GIVEN_HOMOPHONES.get(c)] as const)
        .filter(([, h]) => h)
      if (candidates.length > 0) {
        const [at, homophones] = pick(candidates)
        given[at] = pick(homophones as string[])
      }
    } else if (roll < 0.28 && given.length === 2) {
      given.reverse()
    } else if (roll < 0.31 && given.length === 2) {
      // Both: swapped, one of them a homophone.
      given.reverse()
      const homophones = GIVEN_HOMOPHONES.get(given[0] as string)
      if (homophones) given[0] = pick(homophones)
    } else if (roll < 0.36) {
      // A wrong character, not a homophone.
      given[Math.floor(random() * given.length)] = drawGiven()
    } else if (roll < 0.4) {
      // Typed in pinyin.
      const surname = pinyin(person.surname, { toneType: 'none', surname: 'head', separator: '' })
      const rest = pinyin(person.given, { toneType: 'none', separator: '' })
      const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
      return chance(0.5) ? `${cap(surname)} ${cap(rest)}` : `${cap(rest)} ${cap(surname)}`
    } else if (roll < 0.43) {
      return `${person.surname} ${given.join('')}`
    }
    return person.surname + given.join('')
  }
  const latinNameOf = (person: Person, retyped: boolean) => {
    let first = person.latinFirst
    let last = person.latinLast
    if (!retyped) return `${first} ${last}`
    const roll = random()
    if (roll < 0.18) {
      if (chance(0.5)) first = typo(first)
      else last = typo(last)
    } else if (roll < 0.28) {
      if (chance(0.5)) first = transpose(first)
      else last = transpose(last)
    } else if (roll < 0.4) {
      first = `${first[0]}.`
    } else if (roll < 0.5) {
      return `${last} ${first}`
    } else if (roll < 0.55) {
      return `${last.toUpperCase()}, ${first}`
    } else if (roll < 0.63) {
      first = stripAccents(first)
      last = stripAccents(last)
    } else if (roll < 0.7) {
      return `${first} ${last}`.toUpperCase()
    }
    return `${first} ${last}`
  }
  const mobileTypo = (mobile: string) => {
    const at = 3 + Math.floor(random() * 8)
    if (chance(0.6))
      return (
        mobile.slice(0, at) +
        ((Number(mobile[at]) + 1 + Math.floor(random() * 9)) % 10) +
        mobile.slice(at + 1)
      )
    const i = Math.min(at, 9)
    return (
      mobile.slice(0, i) + (mobile[i + 1] as string) + (mobile[i] as string) + mobile.slice(i + 2)
    )
  }

  const recordOf = (person: Person, retyped: boolean): DuplicateValues => {
    const values: DuplicateValues = {}
    values.name = person.han ? hanNameOf(person, retyped) : latinNameOf(person, retyped)
    // A second record leaves fields out now and then, and the person's life moves on.
    const keep = (p: number) => !retyped || chance(p)
    if (person.mobile && keep(0.85)) {
      let mobile = person.mobile
      if (retyped && chance(0.06)) mobile = newMobile()
      else if (retyped && chance(0.04)) mobile = mobileTypo(mobile)
      values.mobile = formatMobile(mobile)
    }
    if (person.phone && keep(0.7)) values.phone = formatPhone(person.phone)
    if (person.email && keep(0.7)) {
      values.email = formatEmail(retyped && chance(0.05) ? newEmail(person) : person.email, retyped)
    }
    if (person.address && keep(0.85)) {
      values.address = formatAddress(
        retyped && chance(0.08) ? newAddress() : person.address,
        retyped,
      )
    }
    if (person.employer && keep(0.7)) {
      values.employer = formatEmployer(
        retyped && chance(0.1) ? newEmployer() : person.employer,
        retyped,
      )
    }
    if (chance(0.35)) values.idNumber = person.idNumber
    return values
  }

  const people: Person[] = []
  const kindOf: string[] = []
  const records: DuplicateRecord[] = []
  const personOfList: number[] = []
  while (records.length < recordTarget) {
    const han = chance(0.8)
    let person = newPerson(han)
    let kind = 'plain'
    const earlier = people.length > 100 ? people[Math.floor(random() * people.length)] : undefined
    const roll = random()
    if (earlier && roll < 0.04) {
      // Namesake: another person of the very same name.
      person = {
        ...person,
        han: earlier.han,
        surname: earlier.surname,
        given: earlier.given,
        latinFirst: earlier.latinFirst,
        latinLast: earlier.latinLast,
      }
      if (chance(0.3) && earlier.address)
        person.address = {
          ...newAddress(),
          province: earlier.address.province,
          city: earlier.address.city,
          district: earlier.address.district,
        }
      kind = 'namesake'
    } else if (earlier?.han && roll < 0.06) {
      const given = [...earlier.given]
      const at = given.findIndex((c) => GIVEN_HOMOPHONES.has(c))
      if (at >= 0) {
        given[at] = pick(GIVEN_HOMOPHONES.get(given[at] as string) as string[])
        person = { ...person, han: true, surname: earlier.surname, given: given.join('') }
        kind = 'homophone-namesake'
      }
    } else if (earlier?.address && roll < 0.09) {
      // Family: same surname and home; sometimes the home's landline, now and then one mobile for both.
      person = {
        ...person,
        han: earlier.han,
        surname: earlier.surname,
        latinLast: earlier.latinLast,
        address: earlier.address,
      }
      if (earlier.phone && chance(0.7)) person.phone = earlier.phone
      if (earlier.mobile && chance(0.15)) person.mobile = earlier.mobile
      kind = 'family'
    } else if (earlier?.employer && roll < 0.11) {
      person = {
        ...person,
        han: earlier.han,
        surname: earlier.surname,
        latinLast: earlier.latinLast,
        employer: earlier.employer,
      }
      kind = 'colleague'
    }
    const id = people.length
    people.push(person)
    kindOf.push(kind)
    const copies = chance(0.06) ? 3 : chance(0.27) ? 2 : 1
    for (let copy = 0; copy < copies && records.length < recordTarget; copy++) {
      records.push({ id: `r${records.length}`, values: recordOf(person, copy > 0) })
      personOfList.push(id)
    }
  }
  // Shuffled, so that a person's records are not neighbours.
  const order = records.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  return {
    records: order.map((i) => records[i] as DuplicateRecord),
    personOf: Int32Array.from(order.map((i) => personOfList[i] as number)),
    kindOf,
    people: people.length,
  }
}
