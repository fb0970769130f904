/**
 * Why a customer is destroyed (RET-2). A code, not free text: the
 * destruction record outlives the customer and must hold no personal data.
 */
export const DESTRUCTION_REASONS = [
  'retention_expired',
  'customer_request',
  'purpose_fulfilled',
  'consent_withdrawn',
  'unlawfully_collected',
] as const

/**
 * Reasons no one asks for: the system destroys by rule. A draft sent back
 * by its reviewer and not corrected within the configured period (CUS-4).
 */
export const RULE_DESTRUCTION_REASONS = ['rejected_draft'] as const

export type DestructionReason =
  | (typeof DESTRUCTION_REASONS)[number]
  | (typeof RULE_DESTRUCTION_REASONS)[number]
