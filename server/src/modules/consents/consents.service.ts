import { recordAuditEvent } from '../../audit/audit-log.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { dayIn } from '../calendar/index.js'
import { loadCatalogue } from '../catalogue/index.js'
import { customerInScope, isMinor, openCustomer } from '../customers/index.js'
import { findActivePurpose, PURPOSES_WITH_RECIPIENT } from '../purposes/index.js'
import { consentStates, RECIPIENT_ADDRESS } from './consent-ledger.js'
import { presentConsents } from './consents.presenter.js'
import type { RecordConsentInput } from './consents.schemas.js'

/**
 * POST /customers/{id}/consents (CON-2): one grant or withdrawal, appended
 * to the ledger. A grant names a consent-based purpose, the notice version
 * shown (the latest if not given; none published refuses the grant), the recipient where the law asks for
 * one, and — for a customer under 14 — the guardian. Evidence, guardian and
 * recipient are sealed under the customer's key; the audit event names the purpose.
 */
export async function recordConsent(call: Call, customerId: string, input: RecordConsentInput) {
  const { deps, context, principal, now } = call
  const row = await customerInScope(call, customerId, 'consent.recorded')
  const purpose = await findActivePurpose(deps.db, input.purpose)
  if (purpose?.legal_basis !== 'consent') {
    throw new AppError('VALIDATION_FAILED', { purpose: 'notAllowed' })
  }
  if (input.granted && PURPOSES_WITH_RECIPIENT.has(purpose.code) && !input.recipient) {
    throw new AppError('RECIPIENT_REQUIRED', { recipient: 'required' })
  }
  const noticeVersion = await noticeVersionFor(deps, input)
  const { key, sealed } = await openCustomer(deps, customerId, true)
  if (input.granted && !input.guardian && row.kind === 'individual') {
    const catalogue = await loadCatalogue(deps.db)
    const today = dayIn(deps.config.timeZone, now)
    if (isMinor({ vault: deps.vault, key, catalogue }, sealed, today)) {
      throw new AppError('GUARDIAN_CONSENT_REQUIRED', { guardian: 'required' })
    }
  }

  const secrets: Record<string, string> = {}
  if (input.evidence) secrets.evidence = deps.vault.seal(key, 'consent.evidence', input.evidence)
  // Sealed too: who receives the information goes with the customer's key (CLS-2, RET-2).
  if (input.recipient) {
    secrets.recipient = deps.vault.seal(key, RECIPIENT_ADDRESS, input.recipient)
  }
  if (input.guardian) {
    secrets.guardian = deps.vault.seal(key, 'consent.guardian', JSON.stringify(input.guardian))
  }
  const inserted = await deps.db.transaction().execute(async (trx) => {
    const record = await trx
      .insertInto('consents')
      .values({
        customer_id: customerId,
        purpose: purpose.code,
        granted: input.granted,
        channel: input.channel,
        notice_version: noticeVersion,
        legacy_recipient: null,
        by_guardian: input.guardian !== undefined,
        sealed: JSON.stringify(secrets),
        recorded_by: principal.accountId,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: input.granted ? 'consent.granted' : 'consent.withdrawn',
      target: { type: 'customer', id: customerId },
      purpose: purpose.code,
      details: { consentId: record.id, channel: input.channel, noticeVersion },
    })
    return record
  })
  return { id: String(inserted.id), purpose: purpose.code, granted: input.granted, noticeVersion }
}

async function noticeVersionFor(deps: AppDeps, input: RecordConsentInput): Promise<number | null> {
  if (input.noticeVersion !== undefined) {
    const notice = await deps.db
      .selectFrom('notices')
      .select('version')
      .where('version', '=', input.noticeVersion)
      .executeTakeFirst()
    if (!notice) throw new AppError('NOTICE_NOT_FOUND')
    return notice.version
  }
  // A withdrawal needs no notice: withdrawing is always possible (PIPL Art. 15).
  if (!input.granted) return null
  const latest = await deps.db
    .selectFrom('notices')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst()
  // Consent is informed only by a notice the customer was shown (PIPL Art. 14, 17).
  if (latest?.version == null) throw new AppError('NOTICE_REQUIRED')
  return latest.version
}

/**
 * GET /customers/{id}/consents: the standing decisions and the whole ledger.
 * Evidence and guardian stay sealed; the recipient is opened, as the caller
 * in scope needs it to know to whom the customer agreed.
 */
export async function listConsents(call: Call, customerId: string) {
  const { deps, context, principal, now } = call
  await customerInScope(call, customerId, 'consent.listed')
  const { key } = await openCustomer(deps, customerId, false)
  const [states, history] = await Promise.all([
    consentStates(deps.db, customerId),
    deps.db
      .selectFrom('consents as k')
      .innerJoin('accounts as a', 'a.id', 'k.recorded_by')
      .select([
        'k.id',
        'k.purpose',
        'k.granted',
        'k.channel',
        'k.notice_version',
        'k.by_guardian',
        'k.sealed',
        'k.recorded_at',
        'a.id as recorder_id',
        'a.display_name',
      ])
      .where('k.customer_id', '=', customerId)
      .orderBy('k.id', 'desc')
      .execute(),
  ])
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'consent.listed',
    target: { type: 'customer', id: customerId },
  })
  // Each recipient opened once, though the standing state and its ledger entry both show it.
  const recipients = new Map<string, string>()
  for (const sealed of [
    ...[...states.values()].map((state) => state.sealedRecipient),
    ...history.map((r) => r.sealed.recipient),
  ]) {
    if (sealed && !recipients.has(sealed)) {
      recipients.set(sealed, deps.vault.open(key, RECIPIENT_ADDRESS, sealed))
    }
  }
  return presentConsents(states.values(), history, recipients)
}
