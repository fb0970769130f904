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
export type DestructionReason = (typeof DESTRUCTION_REASONS)[number]
