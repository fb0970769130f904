import type { FieldDataType } from '../catalogue/index.js'

export type Contact = { name: string; mobile?: string; email?: string; title?: string }
export type PersonalValue = string | number | string[] | Contact[]

/** Personal values of one customer, by field (built-in and custom alike). */
export type PersonalValues = Map<string, PersonalValue>

/** A value as the string that gets sealed. */
export function encodeValue(value: PersonalValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function decodeValue(dataType: FieldDataType, plain: string): PersonalValue {
  switch (dataType) {
    case 'number':
      return Number(plain)
    case 'text-list':
    case 'contacts':
      return JSON.parse(plain) as PersonalValue
    default:
      return plain
  }
}
