import type { ConsentState } from './consent-ledger.js'

/** One ledger entry as read for the consents view. */
export type LedgerRow = {
  id: string | number | bigint
  purpose: string
  granted: boolean
  channel: string
  notice_version: number | null
  by_guardian: boolean
  sealed: Record<string, string | undefined>
  recorded_at: Date
  recorder_id: string
  display_name: string
}

/**
 * The standing decisions and the whole ledger (CON-2). Pure: the
 * recipients come opened, by their sealed form (each opened once by the
 * service); evidence and guardian stay sealed and are never shown.
 */
export function presentConsents(
  states: Iterable<ConsentState>,
  history: readonly LedgerRow[],
  recipients: ReadonlyMap<string, string>,
) {
  const recipient = (sealed: string | null | undefined) =>
    sealed ? (recipients.get(sealed) ?? null) : null
  return {
    states: [...states].map(({ purpose, granted, since, sealedRecipient }) => ({
      purpose,
      granted,
      since,
      recipient: recipient(sealedRecipient),
    })),
    history: history.map((r) => ({
      id: String(r.id),
      purpose: r.purpose,
      granted: r.granted,
      channel: r.channel,
      noticeVersion: r.notice_version,
      recipient: recipient(r.sealed.recipient),
      byGuardian: r.by_guardian,
      hasEvidence: 'evidence' in r.sealed,
      recordedBy: { id: r.recorder_id, name: r.display_name },
      recordedAt: r.recorded_at,
    })),
  }
}
