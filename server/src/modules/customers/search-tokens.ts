import type { Vault } from '../../security/vault.js'
import { blockingKeysOf, DUPLICATE_FIELDS, duplicateValuesOf } from '../duplicates/index.js'
import type { Contact, PersonalValue } from './customer-values.js'
import { normaliseName } from './validation/normalise.js'

/** Leading characters of a name that get their own token: enough to find 张 or 欧阳. */
export const NAME_PREFIX_MAX = 4

export type SearchToken = { field: string; token: string }

/** Fields whose values feed the blind index, and the token fields they make. */
export const SEARCH_SOURCES = [
  'name',
  'mobile',
  'email',
  'idNumber',
  'creditCode',
  'bankCards',
  'bankAccounts',
  'contacts',
]
export const TOKEN_FIELDS = [
  'name',
  'name_prefix',
  'mobile',
  'email',
  'idNumber',
  'creditCode',
  'bankCards',
  'bankAccounts',
]

/**
 * CLS-5 blind-index tokens for one customer's searchable values: exact
 * tokens for numbers and addresses, and for names the full normalised name
 * plus its first one to four characters. Values arrive normalised.
 */
export function searchTokensFor(
  vault: Vault,
  values: ReadonlyMap<string, PersonalValue>,
): SearchToken[] {
  const tokens = new Map<string, SearchToken>()
  const add = (field: string, normalised: string | undefined) => {
    if (!normalised) return
    const token = vault.token(field, normalised)
    tokens.set(`${field}\u0000${token}`, { field, token })
  }
  for (const [field, value] of values) {
    switch (field) {
      case 'name':
        for (const [tokenField, text] of nameTokenInputs(String(value))) add(tokenField, text)
        break
      case 'mobile':
      case 'email':
      case 'idNumber':
      case 'creditCode':
        add(field, String(value))
        break
      case 'bankCards':
      case 'bankAccounts':
        for (const number of value as string[]) add(field, number)
        break
      case 'contacts':
        for (const contact of value as Contact[]) {
          add('mobile', contact.mobile)
          add('email', contact.email)
        }
        break
    }
  }
  return [...tokens.values()]
}

/** The personal fields likely-duplicate detection reads (DQ-1): a change to one renews the blocking keys. */
export const BLOCKING_SOURCES: string[] = [...DUPLICATE_FIELDS]

/**
 * DQ-1 blocking keys of one customer's values, stored beside its search
 * tokens (fields `dup_…`): keyed tokens that say which customers share
 * something, never what. Made here, where the plain values are in memory
 * as they are sealed; the sweep reads the tokens alone.
 */
export function blockingTokensFor(
  vault: Vault,
  values: ReadonlyMap<string, PersonalValue>,
): SearchToken[] {
  return blockingKeysOf(vault, duplicateValuesOf(values))
}

/** The (token field, text) pairs a name is indexed under. */
export function nameTokenInputs(name: string): [string, string][] {
  const normalised = normaliseName(name)
  const characters = [...normalised]
  const pairs: [string, string][] = [['name', normalised]]
  // A prefix as long as the name is the name: its full-name token already matches.
  for (let length = 1; length <= Math.min(NAME_PREFIX_MAX, characters.length - 1); length++) {
    pairs.push(['name_prefix', characters.slice(0, length).join('')])
  }
  return pairs
}

/** The tokens a name query matches: the full name, or a prefix when short enough. */
export function nameQueryTokens(vault: Vault, query: string): SearchToken[] {
  const normalised = normaliseName(query)
  const tokens = [{ field: 'name', token: vault.token('name', normalised) }]
  if ([...normalised].length <= NAME_PREFIX_MAX) {
    tokens.push({ field: 'name_prefix', token: vault.token('name_prefix', normalised) })
  }
  return tokens
}
