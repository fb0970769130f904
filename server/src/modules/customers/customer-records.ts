import type { SealedValues } from '../../db/schema.js'
import { type Clearance, isBeyondView } from '../../security/customer-policy.js'
import type { CustomerKey, Vault } from '../../security/vault.js'
import { type Catalogue, type StoredEntry, storageOf } from '../catalogue/index.js'
import { decodeValue, encodeValue, type PersonalValue } from './customer-values.js'
import type { SealedRecord } from './customers.repository.js'

/** What seals or opens one customer's values: the vault, the customer's key, the catalogue. */
export type CustomerSealing = { vault: Vault; key: CustomerKey; catalogue: Catalogue }

/** Seals values into the general and the sensitive store by their classification (CLS-2, CLS-3). */
export function sealValues(
  { vault, key, catalogue }: CustomerSealing,
  values: ReadonlyMap<string, PersonalValue>,
  into: { personal: SealedValues; sensitive: SealedValues } = { personal: {}, sensitive: {} },
): { personal: SealedValues; sensitive: SealedValues } {
  for (const [field, value] of values) {
    const entry = catalogue.get(field)
    if (!entry) continue
    const store = storageOf(entry) === 'sensitive' ? into.sensitive : into.personal
    store[field] = vault.seal(key, field, encodeValue(value))
  }
  return into
}

/** Opens the named fields of one customer; fields with no value are left out. */
export function openValues(
  vault: Vault,
  key: CustomerKey,
  catalogue: Catalogue,
  sealed: Pick<SealedRecord, 'personal' | 'sensitive'>,
  fields: Iterable<string>,
): Map<string, PersonalValue> {
  const values = new Map<string, PersonalValue>()
  for (const field of fields) {
    const entry = catalogue.get(field)
    const stored = sealed.personal[field] ?? sealed.sensitive?.[field]
    if (!entry || stored === undefined) continue
    values.set(field, decodeValue(entry.dataType, vault.open(key, field, stored)))
  }
  return values
}

/**
 * Opens fields of one customer as they are asked for, each at most once:
 * an operation that needs a value for several reasons (checking, re-indexing,
 * presenting) decrypts it once.
 */
export function openOnce(
  { vault, key, catalogue }: CustomerSealing,
  sealed: SealedRecord,
): (fields: Iterable<string>) => Map<string, PersonalValue> {
  const opened = new Map<string, PersonalValue>()
  const tried = new Set<string>()
  return (fields) => {
    const wanted = [...fields]
    const fresh = wanted.filter((field) => !tried.has(field))
    for (const [field, value] of openValues(vault, key, catalogue, sealed, fresh)) {
      opened.set(field, value)
    }
    for (const field of fresh) tried.add(field)
    const values = new Map<string, PersonalValue>()
    for (const field of wanted) {
      const value = opened.get(field)
      if (value !== undefined) values.set(field, value)
    }
    return values
  }
}

/** Fields a caller may not write because they may not even see them (ACC-1). */
export function fieldsBeyondView(
  clearance: Clearance,
  catalogue: Catalogue,
  fields: Iterable<string>,
): string[] {
  return [...fields].filter((field) => {
    const entry = catalogue.get(field)
    return entry !== undefined && isBeyondView(clearance, entry)
  })
}

/** Does showing these fields need the sensitive store? */
export function needsSensitive(entries: StoredEntry[]): boolean {
  return entries.some((entry) => storageOf(entry) === 'sensitive')
}
