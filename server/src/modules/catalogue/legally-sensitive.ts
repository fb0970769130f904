import type { MaskingRule } from '../../security/masking.js'
import { maskingStrength } from './protection-strength.js'

/** Why the law makes a field sensitive personal information (PIPL Art. 28, GB/T 35273 Annex B). */
export type SensitiveCategory = 'identity' | 'account' | 'financial' | 'health' | 'biometric'

type Floor = { category: SensitiveCategory; masking: MaskingRule }

/**
 * CLS-1: the fields of the catalogue that the law calls sensitive personal
 * information — ID numbers, bank accounts and cards, financial status and
 * holdings (PIPL Art. 28: 金融账户; GB/T 35273 Annex B: 个人身份信息,
 * 个人财产信息). The seeded catalogue has no health or biometric field; a
 * custom field of that kind is classified sensitive by whoever adds it, and
 * making it non-sensitive later waits for a second approver like any other
 * lowering of protection.
 *
 * The list lives in code, not in the catalogue table, so that nobody with
 * access to the catalogue — through the API or the database — can edit it
 * away: every read of the catalogue lays it over the stored rows (see
 * `withLegalFloor`), and a change that would go below it is refused.
 * Each field keeps at least its own display rule; a rule that hides the
 * whole value (`amount`, `text`, `hidden`) is always allowed.
 */
export const LEGALLY_SENSITIVE: Readonly<Record<string, Floor>> = {
  idNumber: { category: 'identity', masking: 'id-number' },
  bankAccounts: { category: 'account', masking: 'bank-account' },
  bankCards: { category: 'account', masking: 'bank-card' },
  income: { category: 'financial', masking: 'amount' },
  assets: { category: 'financial', masking: 'amount' },
  investments: { category: 'financial', masking: 'text' },
}

export function legalFloorOf(field: string): Floor | undefined {
  return Object.hasOwn(LEGALLY_SENSITIVE, field) ? LEGALLY_SENSITIVE[field] : undefined
}

/** Does this rule keep at least the protection of the field's floor? Its own rule, or one hiding everything. */
export function meetsMaskingFloor(floor: Floor, rule: MaskingRule): boolean {
  return rule === floor.masking || maskingStrength(rule) >= maskingStrength('hidden')
}

/**
 * A stored entry as the law lets it be: a legally sensitive field is
 * sensitive and masked at least by its floor, whatever the row says (a row
 * edited in the database directly cannot unprotect it).
 */
export function withLegalFloor<
  T extends { field: string; sensitive: boolean; masking: MaskingRule },
>(entry: T): T {
  const floor = legalFloorOf(entry.field)
  if (!floor) return entry
  if (entry.sensitive && meetsMaskingFloor(floor, entry.masking)) return entry
  return {
    ...entry,
    sensitive: true,
    masking: meetsMaskingFloor(floor, entry.masking) ? entry.masking : floor.masking,
  }
}
