import type { LegalBasis } from './default-purposes.js'

export type PurposeTerms = {
  nameZh: string
  nameEn: string
  legalBasis: LegalBasis
  descriptionZh: string
  descriptionEn: string
  active: boolean
  maxLevel: number
  fields: string[] | null
}

/** Bases on which a reveal needs no consent of the customer: whoever holds the purpose decides alone (PIPL Art. 13). */
const WITHOUT_CONSENT: ReadonlySet<LegalBasis> = new Set(['contract', 'legal_obligation'])

/**
 * ACC-2, ACC-5: the ways a purpose's change lets it reach further, by name.
 *
 * - `maxLevel`: a higher level;
 * - `fields`: a named field added, or the list dropped (no list reaches
 *   every field up to the level);
 * - `legalBasis`: a move to a contract or a legal obligation, which needs no
 *   customer's consent;
 * - `active`: a retired purpose brought back;
 * - `terms`: the name or description of a purpose resting on a contract or
 *   a legal obligation — the text is what the purpose covers, and no
 *   consent of a customer bounds it.
 *
 * Anything else (narrower reach, retiring, a move to consent, the text of
 * a consent-based purpose, whose consents name the notice version shown)
 * raises protection or leaves it as it was.
 */
export function widenedAspects(before: PurposeTerms, after: PurposeTerms): string[] {
  const widened: string[] = []
  if (after.maxLevel > before.maxLevel) widened.push('maxLevel')
  if (
    before.fields !== null &&
    (after.fields === null || after.fields.some((f) => !before.fields?.includes(f)))
  ) {
    widened.push('fields')
  }
  if (after.legalBasis !== before.legalBasis && WITHOUT_CONSENT.has(after.legalBasis)) {
    widened.push('legalBasis')
  }
  if (after.active && !before.active) widened.push('active')
  const textChanged =
    after.nameZh !== before.nameZh ||
    after.nameEn !== before.nameEn ||
    after.descriptionZh !== before.descriptionZh ||
    after.descriptionEn !== before.descriptionEn
  if (textChanged && WITHOUT_CONSENT.has(after.legalBasis)) widened.push('terms')
  return widened
}

/** A new purpose waits for approval when it rests on a contract or a legal obligation. */
export function newPurposeNeedsApproval(legalBasis: LegalBasis): boolean {
  return WITHOUT_CONSENT.has(legalBasis)
}
