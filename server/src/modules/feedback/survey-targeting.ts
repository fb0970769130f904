import type { FeedbackSurveyChannel } from '../../db/schema.js'
import type { EXCLUSION_REASONS } from './feedback.schemas.js'

/**
 * The consent a survey by each channel needs (CON-3, S2 在客户同意的前提下,
 * 可通过短信、邮件等方式发送): the per-channel consents of the purposes list.
 */
export const CHANNEL_PURPOSES: Record<FeedbackSurveyChannel, string> = {
  sms: 'marketing_sms',
  email: 'marketing_email',
  phone: 'marketing_phone',
}

export type Exclusion = (typeof EXCLUSION_REASONS)[number]

/**
 * Whether one selected customer is invited, or why not: an active customer
 * (approved, processing not restricted) whose standing consent to the
 * channel's purpose is a grant, of the grade the form is for (when it is
 * for one). `consent` is that standing decision as the
 * policy reads the ledger: null never given, false withdrawn.
 */
export function targetOf(
  candidate: { status: string; consent: boolean | null; grade: string | null },
  formGrade: string | null,
): 'invite' | Exclusion {
  if (candidate.status !== 'active') return 'not_active'
  // A form for one type of customer asks only them (根据不同的客户类型).
  if (formGrade !== null && candidate.grade !== formGrade) return 'other_grade'
  if (candidate.consent === null) return 'no_consent'
  if (candidate.consent === false) return 'consent_withdrawn'
  return 'invite'
}
