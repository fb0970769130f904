import { pinyin } from 'pinyin-pro'
import {
  birthDateOfIdNumber,
  foldLatin,
  HAN,
  lastDigits,
  normaliseAddress,
  normaliseDate,
  normaliseEmail,
  normaliseEmployer,
  normaliseIdNumber,
  normalisePhone,
} from './similarity.js'

/**
 * DQ-1: the opened values of one customer that duplicate detection reads,
 * by catalogue field key (server/src/modules/catalogue/default-catalogue.ts).
 * They exist in memory only — while blocking keys are made for a record
 * being saved, or while a candidate pair is scored — and are never stored
 * by this module.
 */
export type DuplicateValues = {
  name?: string
  mobile?: string
  /** The landline (catalogue field `phone`). */
  phone?: string
  email?: string
  address?: string
  employer?: string
  idNumber?: string
  creditCode?: string
  /** A birth date field where the catalogue has one (a custom field); else read from a resident ID number. */
  birthDate?: string
}

/** What a repository feeds the matcher: a customer id and its opened values. */
export type DuplicateRecord = { id: string; values: DuplicateValues }

/** The customer fields duplicate detection reads, by catalogue key. */
export const DUPLICATE_FIELDS = [
  'name',
  'mobile',
  'phone',
  'email',
  'address',
  'employer',
  'idNumber',
  'creditCode',
  'birthDate',
] as const

/** The fields duplicate detection reads, from a customer's opened values (a map by field key). */
export function duplicateValuesOf(values: ReadonlyMap<string, unknown>): DuplicateValues {
  const picked: DuplicateValues = {}
  for (const field of DUPLICATE_FIELDS) {
    const value = values.get(field)
    if (typeof value === 'string' && value.trim() !== '') picked[field] = value
  }
  return picked
}

export type PreparedName = {
  /** Written in Chinese characters (else Latin letters). */
  han: boolean
  /** Han: the characters, no spaces; Latin: folded words in typed order, one space apart. */
  text: string
  /** Han: toneless pinyin per character (surnames read as surnames: 单 shan, 曾 zeng); Latin: the words. */
  syllables: string[]
  /** Syllables joined: 李友琴, 李友勤 and "Li Youqin" are all liyouqin. */
  joined: string
  /** Syllables sorted: 李友琴 and 李琴友 are one. */
  sorted: string
  /** Words sorted — Han: surname and given name in pinyin ("youqin li"), so "Youqin Li" is 李友琴 too. */
  words: string
  /** Han: the surname's pinyin; Latin: the last word. */
  surname: string
  /** The other syllables or words, in order. */
  given: string[]
}

export type PreparedValues = {
  name?: PreparedName
  /** Mobile digits, without +86. */
  mobile?: string
  /** Landline digits. */
  phone?: string
  email?: { full: string; local: string }
  address?: { tail: string; district?: string; road?: string }
  employer?: string
  idNumber?: string
  creditCode?: string
  birthDate?: string
}

/** Two-character surnames, so that 欧阳明 is ouyang + ming. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 诸葛 上官 司徒 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 夏侯 令狐 轩辕 端木 独孤 南宫 西门 百里 呼延 澹台 万俟 闻人'.split(
    ' ',
  ),
)

export function prepareName(value: string): PreparedName | undefined {
  if (HAN.test(value)) {
    const text = [...value.normalize('NFKC')].filter((c) => HAN.test(c)).join('')
    const syllables = pinyin(text, { toneType: 'none', type: 'array', surname: 'head', v: true })
    const surnameLength = COMPOUND_SURNAMES.has(text.slice(0, 2)) && text.length > 2 ? 2 : 1
    const surname = syllables.slice(0, surnameLength).join('')
    const given = syllables.slice(surnameLength)
    return {
      han: true,
      text,
      syllables,
      joined: syllables.join(''),
      sorted: [...syllables].sort().join(' '),
      words: [surname, given.join('')].filter(Boolean).sort().join(' '),
      surname,
      given,
    }
  }
  const words = foldLatin(value)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  if (words.length === 0) return undefined
  return {
    han: false,
    text: words.join(' '),
    syllables: words,
    joined: words.join(''),
    sorted: [...words].sort().join(' '),
    words: [...words].sort().join(' '),
    surname: words[words.length - 1] as string,
    given: words.slice(0, -1),
  }
}

/** Normal forms of a record's values, computed once per record in memory. */
export function prepareValues(values: DuplicateValues): PreparedValues {
  const prepared: PreparedValues = {}
  if (values.name) prepared.name = prepareName(values.name)
  const mobile = values.mobile && normalisePhone(values.mobile)
  if (mobile && mobile.length >= 7) prepared.mobile = mobile
  const phone = values.phone && normalisePhone(values.phone)
  if (phone && phone.length >= 7) prepared.phone = phone
  if (values.email) {
    const email = normaliseEmail(values.email)
    if (email.local) prepared.email = email
  }
  if (values.address) {
    const address = normaliseAddress(values.address)
    if (address.tail) prepared.address = address
  }
  if (values.employer) {
    const employer = normaliseEmployer(values.employer)
    if (employer) prepared.employer = employer
  }
  if (values.idNumber) prepared.idNumber = normaliseIdNumber(values.idNumber)
  if (values.creditCode) prepared.creditCode = normaliseIdNumber(values.creditCode)
  const birthDate =
    (values.birthDate && normaliseDate(values.birthDate)) ||
    (prepared.idNumber && birthDateOfIdNumber(prepared.idNumber))
  if (birthDate) prepared.birthDate = birthDate
  return prepared
}

/** The number a phone comparison keys on: its last eight digits. */
export const numberKey = (digits: string) => lastDigits(digits)
