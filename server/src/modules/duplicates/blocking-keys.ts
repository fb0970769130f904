import {
  type DuplicateValues,
  numberKey,
  type PreparedValues,
  prepareValues,
} from './duplicate-values.js'

/**
 * DQ-1 blocking keys: which records are compared at all. Each key is a
 * keyed token (CLS-5) — the vault's blind index of a normal form, under a
 * field name of its own — so the stored keys say which records share
 * something, never what: no key contains or reveals a plain value, and the
 * same text under two fields gives two unrelated tokens.
 */

/** The keyed hash that makes a token: the vault (`vault.token`) in the product, a test key in tests. */
export type BlindIndexer = { token(field: string, normalised: string): string }

export type BlockingKey = { field: BlockingField; token: string }

export const BLOCKING_FIELDS = [
  /** Toneless pinyin of the whole name (Latin names: their words joined): homophones and exact names. */
  'dup_name_pinyin',
  /** Syllables (or words) sorted: swapped characters, "Smith John"; and a Chinese name's surname and given name in pinyin, sorted: "Youqin Li". */
  'dup_name_sorted',
  /** Surname + first given syllable (Latin: surname + first initial): a typo in a later character, initials. */
  'dup_name_head',
  /** Surname + last given syllable (Latin: first word + the surname's initial): a typo in the first given character. */
  'dup_name_tail',
  /** The normalised mobile number. */
  'dup_mobile',
  /** The mobile's first seven digits (operator prefix and area block): a typo in the last four. */
  'dup_mobile_prefix',
  /** Last eight digits of the mobile or the landline: +86 or an area code typed or not, a mobile typed as the landline. */
  'dup_number_last8',
  /** The normalised e-mail address. */
  'dup_email',
  /** The e-mail's local part: the same mailbox name at another provider. */
  'dup_email_local',
  /** District and road of the address. */
  'dup_address_road',
  /** The address from its district on. */
  'dup_address',
  /** The normalised employer with the surname: colleagues who share a surname, not the whole company. */
  'dup_employer_surname',
  'dup_id_number',
  'dup_credit_code',
] as const
export type BlockingField = (typeof BLOCKING_FIELDS)[number]

/** The (field, normal form) pairs a record is blocked under; the plain inputs of its tokens. */
export function blockingInputs(prepared: PreparedValues): [BlockingField, string][] {
  const inputs: [BlockingField, string][] = []
  const { name } = prepared
  if (name) {
    inputs.push(['dup_name_pinyin', name.joined])
    if (name.syllables.length > 1) inputs.push(['dup_name_sorted', name.sorted])
    // 李友琴 as "Youqin Li": its two words sorted, the form a Latin name's words sort to.
    if (name.han && name.given.length > 0) inputs.push(['dup_name_sorted', name.words])
    const first = name.given[0]
    const last = name.given[name.given.length - 1]
    if (name.han) {
      if (first) inputs.push(['dup_name_head', `${name.surname} ${first}`])
      if (last && name.given.length > 1) inputs.push(['dup_name_tail', `${name.surname} ${last}`])
    } else if (first) {
      inputs.push(['dup_name_head', `${name.surname} ${first[0]}`])
      inputs.push(['dup_name_tail', `${first} ${name.surname[0]}`])
    }
  }
  if (prepared.mobile) {
    inputs.push(['dup_mobile', prepared.mobile])
    if (prepared.mobile.length === 11)
      inputs.push(['dup_mobile_prefix', prepared.mobile.slice(0, 7)])
  }
  for (const digits of [prepared.mobile, prepared.phone]) {
    if (digits) inputs.push(['dup_number_last8', numberKey(digits)])
  }
  if (prepared.email) {
    inputs.push(['dup_email', prepared.email.full])
    if (prepared.email.local.length >= 3) inputs.push(['dup_email_local', prepared.email.local])
  }
  const { address } = prepared
  if (address) {
    inputs.push(['dup_address', address.tail])
    if (address.district && address.road) {
      inputs.push(['dup_address_road', `${address.district} ${address.road}`])
    }
  }
  if (prepared.employer && name) {
    inputs.push(['dup_employer_surname', `${prepared.employer} ${name.surname}`])
  }
  if (prepared.idNumber) inputs.push(['dup_id_number', prepared.idNumber])
  if (prepared.creditCode) inputs.push(['dup_credit_code', prepared.creditCode])
  return inputs
}

/** The blocking keys of one record's values, as keyed tokens (deduplicated). */
export function blockingKeysOf(indexer: BlindIndexer, values: DuplicateValues): BlockingKey[] {
  return blockingKeysOfPrepared(indexer, prepareValues(values))
}

/** The same from values already prepared (the sweep prepares each record once). */
export function blockingKeysOfPrepared(
  indexer: BlindIndexer,
  prepared: PreparedValues,
): BlockingKey[] {
  const keys = new Map<string, BlockingKey>()
  for (const [field, normalised] of blockingInputs(prepared)) {
    const token = indexer.token(field, normalised)
    keys.set(`${field}\u0000${token}`, { field, token })
  }
  return [...keys.values()]
}
