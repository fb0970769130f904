import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Catalogue, CustomerKind } from '../catalogue/index.js'
import type { Contact, PersonalValue } from './customer-values.js'
import {
  checkCreditCode,
  checkIdNumber,
  isValidBankNumber,
  isValidCardNumber,
  isValidEmail,
  isValidMobile,
} from './validation/identity-numbers.js'
import {
  normaliseCreditCode,
  normaliseDigits,
  normaliseEmail,
  normaliseIdNumber,
  normaliseMobile,
  normaliseText,
} from './validation/normalise.js'

/** The plain, non-personal attributes (CUS-3), stored as columns. */
export const ATTRIBUTE_FIELDS = [
  'grade',
  'trackingLevel',
  'tenure',
  'industry',
  'size',
  'source',
] as const
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number]
export type Attributes = Partial<Record<AttributeField, string | null>>

/** The column each attribute is stored in. */
export const ATTRIBUTE_COLUMNS = {
  grade: 'grade',
  trackingLevel: 'tracking_level',
  tenure: 'tenure',
  industry: 'industry',
  size: 'size',
  source: 'source',
} as const satisfies Record<AttributeField, string>
export type AttributeColumn = (typeof ATTRIBUTE_COLUMNS)[AttributeField]

/** Attributes as column values, unset ones as null. */
export function attributeColumns(attributes: Attributes): Record<AttributeColumn, string | null> {
  return Object.fromEntries(
    ATTRIBUTE_FIELDS.map((field) => [ATTRIBUTE_COLUMNS[field], attributes[field] ?? null]),
  ) as Record<AttributeColumn, string | null>
}

/** What a create or change body becomes once normalised and checked; `null` clears a value. */
export type PreparedInput = {
  attributes: Attributes
  values: Map<string, PersonalValue | null>
}

type Input = Record<string, unknown> & {
  customFields?: Record<string, string | null> | undefined
  confirm?: string[] | undefined
}

const NOT_VALUES = new Set(['kind', 'ownerId', 'customFields', 'confirm'])

/**
 * CUS-2: normalises every value (trim, full-width to half-width), checks
 * ID numbers (GB 11643, address code GB/T 2260), credit codes (GB 32100:
 * authority, category, region, checksum), mobiles, emails, card and account
 * numbers. A warning (an address code in no revision shipped, a credit code
 * failing its checksum) needs the explicit confirmation named by its message
 * key in `confirm`; the first unconfirmed one is the field's message. Any
 * problem throws with field-level messages before anything is stored.
 * `idType` is the stored one when a change leaves it out.
 */
export function prepareInput(
  catalogue: Catalogue,
  asked: { kind: CustomerKind; input: Input; storedIdType?: string | undefined },
): PreparedInput {
  const { kind, input, storedIdType } = asked
  const problems: Record<string, FieldMessageKey> = {}
  const confirmations: Record<string, FieldMessageKey> = {}
  const attributes: Attributes = {}
  const values = new Map<string, PersonalValue | null>()

  for (const [field, raw] of Object.entries(input)) {
    if (NOT_VALUES.has(field) || raw === undefined) continue
    if ((ATTRIBUTE_FIELDS as readonly string[]).includes(field)) {
      const value = raw === null ? null : normaliseText(String(raw))
      attributes[field as AttributeField] = value === '' ? null : value
      continue
    }
    const entry = catalogue.get(field)
    if (!entry || entry.custom || (entry.appliesTo !== 'both' && entry.appliesTo !== kind)) {
      problems[field] = 'unknownField'
      continue
    }
    if (raw === null) {
      values.set(field, null)
      continue
    }
    const idType = (input.idType as string | undefined) ?? storedIdType ?? 'resident_id'
    const prepared = prepareValue(field, raw, idType)
    if ('problem' in prepared) {
      problems[prepared.path ?? field] = prepared.problem
      continue
    }
    const unconfirmed = (prepared.confirm ?? []).filter((key) => !input.confirm?.includes(key))
    if (unconfirmed[0]) confirmations[field] = unconfirmed[0]
    values.set(field, prepared.value)
  }

  for (const [field, raw] of Object.entries(input.customFields ?? {})) {
    const entry = catalogue.get(field)
    if (!entry?.custom || (entry.appliesTo !== 'both' && entry.appliesTo !== kind)) {
      problems[`customFields.${field}`] = 'unknownField'
      continue
    }
    values.set(field, raw === null ? null : normaliseText(raw))
  }

  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems)
  if (Object.keys(confirmations).length > 0) {
    throw new AppError('CONFIRMATION_REQUIRED', confirmations)
  }
  // An emptied text or list is a cleared value, not an empty ciphertext.
  for (const [field, value] of values) {
    if (value === '' || (Array.isArray(value) && value.length === 0)) values.set(field, null)
  }
  return { attributes, values }
}

/** The confirmations a value may need; each is also its field message key (CUS-2). */
export const CONFIRMABLE = ['creditCodeChecksum', 'creditCodeRegion', 'idNumberRegion'] as const
type Confirmable = (typeof CONFIRMABLE)[number]

type Prepared =
  | { value: PersonalValue; confirm?: Confirmable[] }
  | { problem: FieldMessageKey; path?: string }

function prepareValue(field: string, raw: unknown, idType: string): Prepared {
  switch (field) {
    case 'idNumber': {
      const value = normaliseIdNumber(String(raw))
      if (idType !== 'resident_id') {
        return /^[0-9A-Z()-]{4,40}$/.test(value) ? { value } : { problem: 'idNumber' }
      }
      const verdict = checkIdNumber(value)
      if (verdict === 'invalid') return { problem: 'idNumber' }
      if (verdict === 'not-a-province') return { problem: 'idNumberProvince' }
      return verdict === 'region-unknown' ? { value, confirm: ['idNumberRegion'] } : { value }
    }
    case 'mobile': {
      const value = normaliseMobile(String(raw))
      return isValidMobile(value) ? { value } : { problem: 'mobile' }
    }
    case 'email': {
      const value = normaliseEmail(String(raw))
      return isValidEmail(value) ? { value } : { problem: 'email' }
    }
    case 'phone': {
      const value = normaliseText(String(raw))
      return /^[0-9+()\- ]{5,30}$/.test(value) ? { value } : { problem: 'invalid' }
    }
    case 'creditCode': {
      const value = normaliseCreditCode(String(raw))
      const check = checkCreditCode(value)
      if ('refused' in check) return { problem: CREDIT_CODE_PROBLEMS[check.refused] }
      return {
        value,
        confirm: check.warnings.map((w) =>
          w === 'checksum' ? 'creditCodeChecksum' : 'creditCodeRegion',
        ),
      }
    }
    case 'bankCards':
    case 'bankAccounts': {
      const check = field === 'bankCards' ? isValidCardNumber : isValidBankNumber
      const numbers = (raw as string[]).map(normaliseDigits)
      const bad = numbers.findIndex((n) => !check(n))
      if (bad >= 0)
        return {
          problem: field === 'bankCards' ? 'bankCard' : 'bankAccount',
          path: `${field}.${bad}`,
        }
      return { value: [...new Set(numbers)] }
    }
    case 'contacts':
      return prepareContacts(raw as Contact[])
    case 'income':
    case 'assets':
      return { value: raw as number }
    default:
      return { value: normaliseText(String(raw)) }
  }
}

const CREDIT_CODE_PROBLEMS = {
  invalid: 'creditCode',
  authority: 'creditCodeAuthority',
  'not-a-province': 'creditCodeProvince',
} as const satisfies Record<string, FieldMessageKey>

function prepareContacts(contacts: Contact[]): Prepared {
  const prepared: Contact[] = []
  for (const [index, contact] of contacts.entries()) {
    const out: Contact = { name: normaliseText(contact.name) }
    if (contact.mobile) {
      out.mobile = normaliseMobile(contact.mobile)
      if (!isValidMobile(out.mobile)) return { problem: 'mobile', path: `contacts.${index}.mobile` }
    }
    if (contact.email) {
      out.email = normaliseEmail(contact.email)
      if (!isValidEmail(out.email)) return { problem: 'email', path: `contacts.${index}.email` }
    }
    if (contact.title) out.title = normaliseText(contact.title)
    prepared.push(out)
  }
  return { value: prepared }
}
