import type { Database } from '../../db/database.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import type { Language } from '../../platform/i18n.js'
import { requestApproval } from '../approvals/index.js'
import { purposeChangeApproval } from './purpose-change-approval.js'
import { newPurposeNeedsApproval, type PurposeTerms } from './purpose-widening.js'
import {
  checkPurposeChange,
  insertPurpose,
  type NewPurpose,
  type Purpose,
  type PurposeChanges,
  updatePurpose,
} from './purpose-writes.js'

export {
  checkPurposeChange,
  insertPurpose,
  type NewPurpose,
  type Purpose,
  type PurposeChanges,
  termsOf,
  updatePurpose,
} from './purpose-writes.js'

export async function listPurposes(db: Database): Promise<Purpose[]> {
  return db.selectFrom('purposes').selectAll().orderBy('code').execute()
}

export function presentPurpose(purpose: Purpose, language: Language) {
  return {
    code: purpose.code,
    name: language === 'en' ? purpose.name_en : purpose.name_zh,
    nameZh: purpose.name_zh,
    nameEn: purpose.name_en,
    legalBasis: purpose.legal_basis,
    description: language === 'en' ? purpose.description_en : purpose.description_zh,
    descriptionZh: purpose.description_zh,
    descriptionEn: purpose.description_en,
    active: purpose.active,
    maxLevel: purpose.max_level,
    fields: purpose.fields,
  }
}

/** The answer to a change of purposes: applied at once, or waiting for a second person (ACC-5). */
export type PurposeOutcome =
  | { applied: Purpose }
  | { pending: { id: string; status: 'pending_approval'; approvalId: string } }

const pendingAnswer = (approvalId: string): PurposeOutcome => ({
  pending: { id: approvalId, status: 'pending_approval', approvalId },
})

/**
 * Adds a purpose. One resting on consent applies at once: it reaches no
 * customer until that customer consents. One resting on a contract or a
 * legal obligation reaches every customer on record with no consent, so it
 * waits for a second person of the other function (ACC-5).
 */
export async function addPurpose(call: Call<Caller>, input: NewPurpose): Promise<PurposeOutcome> {
  const { deps } = call
  if (newPurposeNeedsApproval(input.legalBasis)) {
    const taken = await deps.db
      .selectFrom('purposes')
      .select('code')
      .where('code', '=', input.code)
      .executeTakeFirst()
    if (taken) throw new AppError('FIELD_EXISTS')
    const approvalId = await deps.db.transaction().execute((trx) =>
      requestApproval(trx, call, {
        kind: purposeChangeApproval,
        subject: { type: 'purpose', id: input.code },
        payload: { code: input.code, action: 'create', to: input, widened: ['legalBasis'] },
      }),
    )
    return pendingAnswer(approvalId)
  }
  return {
    applied: await deps.db
      .transaction()
      .execute((trx) => insertPurpose(trx, call, { purpose: input })),
  }
}

/**
 * Changes or retires a purpose. A change that narrows it or leaves its
 * reach as it was applies at once; one that lets it reach further in any
 * part (purpose-widening.ts) waits whole for a second person (ACC-5).
 */
export async function changePurpose(
  call: Call<Caller>,
  code: string,
  changes: PurposeChanges,
): Promise<PurposeOutcome> {
  const { deps } = call
  const row = await deps.db
    .selectFrom('purposes')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst()
  if (!row) throw new AppError('PURPOSE_NOT_FOUND')
  const change = checkPurposeChange(row, changes)
  if (change.widened.length > 0) {
    const pick = (terms: PurposeTerms) =>
      Object.fromEntries(change.changed.map((key) => [key, terms[key]]))
    const approvalId = await deps.db.transaction().execute((trx) =>
      requestApproval(trx, call, {
        kind: purposeChangeApproval,
        subject: { type: 'purpose', id: code },
        payload: {
          code,
          action: 'change',
          from: pick(change.before),
          to: pick(change.after),
          widened: change.widened,
        },
      }),
    )
    return pendingAnswer(approvalId)
  }
  return {
    applied: await deps.db
      .transaction()
      .execute((trx) => updatePurpose(trx, call, { code, change })),
  }
}
