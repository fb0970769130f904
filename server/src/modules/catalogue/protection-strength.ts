import type { MaskingRule } from '../../security/masking.js'

/**
 * The order of strength of the protection a field gets (CLS-1, CLS-4, ACC-5),
 * so that "does this change lower protection?" is computed, not judged:
 *
 * - level: 1 < 2 < 3 (a higher level is seen and revealed by fewer roles);
 * - sensitive: false < true (sensitive values live apart and need the
 *   separate consent for consent-based purposes);
 * - masking, in three tiers by how much of the value `security/masking.ts`
 *   shows: `none` (all of it) < the rules that keep parts of a value
 *   (`name`, `id-number`, `mobile`, `phone`, `email`, `address`,
 *   `bank-card`, `bank-account`, `credit-code`) < the rules that show only
 *   `***` (`amount`, `text`, `hidden`).
 *
 * Two different rules of the middle tier cannot be ranked: which one shows
 * less depends on the value (a bank-card rule on an ID number keeps 8
 * characters, an address rule keeps 6). A switch between them therefore
 * counts as lowering — deny by default — and waits for a second approver.
 */
export function maskingStrength(rule: MaskingRule): 0 | 1 | 2 {
  if (rule === 'none') return 0
  if (rule === 'amount' || rule === 'text' || rule === 'hidden') return 2
  return 1
}

export function lowersMasking(from: MaskingRule, to: MaskingRule): boolean {
  if (from === to) return false
  const before = maskingStrength(from)
  const after = maskingStrength(to)
  return after < before || (after === 1 && before === 1)
}

type Protection = { level: number; sensitive: boolean; masking: MaskingRule }

/** The aspects of a field's protection a change lowers, by name (`level`, `sensitive`, `masking`). */
export function loweredAspects(before: Protection, after: Protection): string[] {
  const lowered: string[] = []
  if (after.level < before.level) lowered.push('level')
  if (before.sensitive && !after.sensitive) lowered.push('sensitive')
  if (lowersMasking(before.masking, after.masking)) lowered.push('masking')
  return lowered
}
